import { MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import {
  DeliveryRepository,
  type Directory,
} from '../../libs/persistence/src/repositories/delivery.repository';
import {
  type PersonInput,
  PeopleRepository,
} from '../../libs/persistence/src/repositories/people.repository';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const MIGRATION = 'DirectoryRevision1795979000000';

const person = (name: string, unitCodes: string[] = []): PersonInput => ({
  name,
  userId: null,
  unitCodes,
  duties: ['unit_contact'],
  language: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  quietHours: null,
  dailyDigest: false,
});

// Every notice planned asks for the directory (通讯录); each process keeps what it read while the
// revision the database counts on every write to persons, posts and channels stays where it was.
describe(`the directory a notice reads (${testEngine()})`, () => {
  let db: TestDatabase;
  let people: PeopleRepository;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
    people = new PeopleRepository(db.dataSource);
  });
  afterAll(() => db?.close());

  const p = (n: number) => (testEngine() === 'postgres' ? `$${n}` : '?');
  const names = (d: Directory) => d.persons.map((x) => x.name).sort();

  it('keeps the directory it read while nothing in it changes, and another process reads the same', async () => {
    await people.createPerson(person(uniqueCode('甲')), []);
    const deliveries = new DeliveryRepository(db.dataSource);
    const first = await deliveries.directory();
    expect(await deliveries.directory()).toBe(first);
    expect(await new DeliveryRepository(db.dataSource).directory()).toEqual(first);
  });

  it.each<[string, (ids: { person: string; channel: string }) => Promise<unknown>]>([
    ['a person added', () => people.createPerson(person(uniqueCode('乙')), [])],
    ['a person renamed', ({ person: id }) => people.updatePerson(id, { name: uniqueCode('改名') })],
    [
      'a channel added',
      ({ person: id }) => people.addChannel(id, { kind: 'email', address: 'a@example.org', secret: null }),
    ],
    ['a channel disabled', ({ person: id, channel }) => people.disableChannel(id, channel)],
    ['a post given', ({ person: id }) => people.assignPost(uniqueCode('U'), '分管副省长', id)],
    [
      'a person changed by a statement of its own',
      ({ person: id }) =>
        db.dataSource.query(`UPDATE persons SET name = ${p(1)} WHERE id = ${p(2)}`, [uniqueCode('直改'), id]),
    ],
    [
      'a channel deleted by a statement of its own',
      ({ channel }) => db.dataSource.query(`DELETE FROM person_channels WHERE id = ${p(1)}`, [channel]),
    ],
    ['a person disabled', ({ person: id }) => people.updatePerson(id, { disabled: true })],
  ])('reads it again after %s', async (_what, change) => {
    const holder = await people.createPerson(person(uniqueCode('丙'), ['U1']), [
      { kind: 'email', address: 'b@example.org', secret: null },
    ]);
    const deliveries = new DeliveryRepository(db.dataSource);
    const before = await deliveries.directory();
    const channel = before.channels.find((c) => c.personId === holder.id)!.id;
    await change({ person: holder.id, channel });
    const after = await deliveries.directory();
    expect(after).not.toBe(before);
    // What it reads again is what the tables hold now, as a process that never kept one reads it.
    const fresh = await new DeliveryRepository(db.dataSource).directory();
    expect(names(after)).toEqual(names(fresh));
    expect(after.channels.map((c) => c.id).sort()).toEqual(fresh.channels.map((c) => c.id).sort());
    expect(after.posts.map((x) => x.id).sort()).toEqual(fresh.posts.map((x) => x.id).sort());
  });

  it('removes the revision and its triggers on the way down, and puts them back on the way up', async () => {
    const tables = async () => {
      const q = db.dataSource.createQueryRunner();
      try {
        return (await q.getTables(['directory_revision'])).map((t) => t.name);
      } finally {
        await q.release();
      }
    };
    for (let i = 0; i < MIGRATIONS.length && (await tables()).length; i++)
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    // Without the triggers the directory's tables take writes as before.
    await people.createPerson(person(uniqueCode('丁')), []);
    expect(await runMigrations(db.dataSource)).toContain(MIGRATION);
    expect(await tables()).toEqual(['directory_revision']);
    const deliveries = new DeliveryRepository(db.dataSource);
    const before = await deliveries.directory();
    await people.createPerson(person(uniqueCode('戊')), []);
    expect(await deliveries.directory()).not.toBe(before);
  });
});
