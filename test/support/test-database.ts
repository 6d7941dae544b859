// A fresh, migrated database per test file, on the engine this Jest project tests
// (SQLite always; PostgreSQL when CI or the developer provides DATABASE_URL).
// The global setup runs every migration once per engine into a template (migrateTemplates); each
// file gets a copy of it, which is the same schema for a fraction of the time. The specs of the
// migrations themselves ask for `fromEmpty` and run them all, on an empty database, as before.
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

export interface TestDatabaseOptions {
  // Every migration run here, on an empty database, instead of a copy of the migrated template.
  readonly fromEmpty?: boolean;
}

export function testEngine(): TestEngine {
  return process.env.RECTIFY_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

export async function createTestDatabase(o: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = `rectify_test_${randomBytes(6).toString('hex')}`;
  if (testEngine() === 'postgres') {
    const admin = await postgresAdmin();
    await admin.query(
      o.fromEmpty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template('postgres')}`,
    );
    const config = postgresConfig(name);
    const dataSource = await createDataSource(config).initialize();
    if (o.fromEmpty) await runMigrations(dataSource);
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
  if (!o.fromEmpty) fs.copyFileSync(template('sqlite'), config.file);
  const dataSource = await createDataSource(config).initialize();
  if (o.fromEmpty) await runMigrations(dataSource);
  return {
    config,
    dataSource,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const TEMPLATE_VARIABLES: Readonly<Record<TestEngine, string>> = {
  sqlite: 'RECTIFY_TEST_SQLITE_TEMPLATE',
  postgres: 'RECTIFY_TEST_POSTGRES_TEMPLATE',
};

function template(engine: TestEngine): string {
  const value = process.env[TEMPLATE_VARIABLES[engine]];
  if (!value) throw new Error(`the global test setup did not migrate a ${engine} template database`);
  return value;
}

// Global setup: a migrated SQLite file in `dir`, and a migrated PostgreSQL database when
// DATABASE_URL names a server. Their names go to the test files through the environment.
export async function migrateTemplates(dir: string): Promise<void> {
  const file = path.join(dir, 'template.sqlite');
  const sqlite = await migrationsOnly({ kind: 'sqlite', file, logging: false }).initialize();
  await runMigrations(sqlite);
  // Everything into the file itself: the copies are of the file alone, without its WAL.
  await sqlite.query('PRAGMA wal_checkpoint(TRUNCATE)');
  await sqlite.destroy();
  process.env[TEMPLATE_VARIABLES.sqlite] = file;

  if (!process.env.DATABASE_URL) return;
  const name = `rectify_template_${randomBytes(6).toString('hex')}`;
  const admin = await postgresAdmin();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const postgres = await migrationsOnly(postgresConfig(name)).initialize();
    try {
      await runMigrations(postgres);
    } finally {
      await postgres.destroy();
    }
    // A database is copied only while nobody is connected to it: from now on nobody may be, not
    // even autovacuum (CREATE DATABASE would wait for it).
    await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
  } finally {
    await admin.destroy();
  }
  process.env[TEMPLATE_VARIABLES.postgres] = name;
}

// The entities' column types follow the engine of this process's configuration (column-types.ts),
// while the global setup migrates both engines: the migrations need no entities.
function migrationsOnly(config: DatabaseConfig): DataSource {
  return createDataSource(config).setOptions({ entities: [] });
}

// Global teardown (the SQLite template goes with the run's folder).
export async function dropTemplates(): Promise<void> {
  const name = process.env[TEMPLATE_VARIABLES.postgres];
  if (!name || !process.env.DATABASE_URL) return;
  const admin = await postgresAdmin();
  try {
    await dropDatabase(admin, name);
  } finally {
    await admin.destroy();
  }
}

function postgresAdmin(): Promise<DataSource> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('the postgres test project needs DATABASE_URL');
  return createDataSource({ kind: 'postgres', url: adminUrl, logging: false }).initialize();
}

function postgresConfig(name: string): DatabaseConfig {
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${name}`;
  return { kind: 'postgres', url: url.toString(), logging: false };
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
