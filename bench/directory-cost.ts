// What a notice's read of the directory (通讯录) costs: every notice planned asks for it, and a
// province's directory runs to thousands of people. A SQLite file of `--persons` persons (each with
// an e-mail and a webhook channel and a post) is seeded, then each of `--notices` reads is timed
// as a worker makes it: through the repository the worker keeps (the directory read again only
// when its revision moved), and, beside it, through a new repository each time (the whole directory
// read, as every notice did before DirectoryRevision1795979000000). No server.
//   tsc -p tsconfig.bench.json --noCheck && node dist-bench/bench/directory-cost.js [--persons 3000] [--notices 200]
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createDataSource, runMigrations } from '../libs/persistence/src/data-source';
import { DeliveryRepository } from '../libs/persistence/src/repositories/delivery.repository';
import { PeopleRepository } from '../libs/persistence/src/repositories/people.repository';
import { median } from './harness/stats';
import { whole } from './harness/options';

async function timed(reads: number, read: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < reads; i++) {
    const started = process.hrtime.bigint();
    await read();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return ms;
}

async function main(): Promise<void> {
  const persons = whole(process.argv, '--persons', 3000);
  const notices = whole(process.argv, '--notices', 200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-directory-'));
  const ds = await createDataSource({
    kind: 'sqlite',
    file: path.join(dir, 'directory.sqlite'),
    logging: false,
  }).initialize();
  try {
    await runMigrations(ds);
    const people = new PeopleRepository(ds);
    for (let i = 0; i < persons; i++) {
      const unit = `U${i % 300}`;
      const p = await people.createPerson(
        {
          name: `联络员${i}`,
          userId: null,
          unitCodes: [unit],
          duties: ['unit_contact'],
          language: 'zh-CN',
          timeZone: 'Asia/Shanghai',
          quietHours: null,
          dailyDigest: false,
        },
        [
          { kind: 'email', address: `contact${i}@example.org`, secret: null },
          { kind: 'webhook', address: `https://example.org/hooks/${i}`, secret: 'secret' },
        ],
      );
      await people.assignPost(unit, `职务${i}`, p.id);
    }
    const kept = new DeliveryRepository(ds);
    const readWhole = await timed(notices, () => new DeliveryRepository(ds).directory());
    const readKept = await timed(notices, () => kept.directory());
    const show = (ms: number[]) => `median ${median(ms).toFixed(3)} ms, max ${Math.max(...ms).toFixed(3)} ms`;
    console.log(`directory of ${persons} persons, ${notices} notices' reads on SQLite`);
    console.log(`  read whole for each notice (before): ${show(readWhole)}`);
    console.log(`  kept while its revision stands (now): ${show(readKept)} (the first read whole)`);
  } finally {
    await ds.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
