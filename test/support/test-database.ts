// A fresh, migrated database per test file, on the engine this Jest project tests
// (SQLite always; PostgreSQL when CI or the developer provides DATABASE_URL).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../libs/config/src/rectify-config';
import { createDataSource, runMigrations } from '../../libs/persistence/src/data-source';

export interface TestDatabase {
  readonly config: DatabaseConfig;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

export type TestEngine = 'sqlite' | 'postgres';

export function testEngine(): TestEngine {
  return process.env.RECTIFY_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `rectify_test_${randomBytes(6).toString('hex')}`;
  if (testEngine() === 'postgres') {
    const adminUrl = process.env.DATABASE_URL;
    if (!adminUrl) throw new Error('the postgres test project needs DATABASE_URL');
    const admin = await createDataSource({ kind: 'postgres', url: adminUrl, logging: false }).initialize();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const config: DatabaseConfig = { kind: 'postgres', url: url.toString(), logging: false };
    const dataSource = await createDataSource(config).initialize();
    await runMigrations(dataSource);
    return {
      config,
      dataSource,
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
        await dropDatabase(admin, name);
        await admin.destroy();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-db-'));
  const config: DatabaseConfig = { kind: 'sqlite', file: path.join(dir, `${name}.sqlite`), logging: false };
  const dataSource = await createDataSource(config).initialize();
  await runMigrations(dataSource);
  return {
    config,
    dataSource,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// FORCE ends the other sessions on the database, but not a session of another role (a background
// worker such as autovacuum, which PostgreSQL may start on a busy test database): without
// pg_signal_backend the drop is refused. Such a session ends within moments, so try again.
async function dropDatabase(admin: DataSource, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (e) {
      if (attempt >= 40 || !/pg_signal_backend/.test((e as Error).message)) throw e;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
