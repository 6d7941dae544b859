import { builtInCalendar } from '../../libs/domain/src/calendars/calendar-catalogue';
import type { WorkingCalendar } from '../../libs/domain/src/working-calendar';
import { WorkingCalendars1795860000000 } from '../../libs/persistence/src/migrations/1795860000000-working-calendars.migration';
import { CalendarRepository } from '../../libs/persistence/src/repositories/calendar.repository';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

const OFFICE: WorkingCalendar = {
  code: 'GS-OFFICE',
  timeZone: 'Asia/Shanghai',
  weekend: [6, 7],
  holidays: ['2027-01-01'],
  workdays: [],
  workingHours: { from: '09:00', to: '17:30' },
};

describe(`working calendars on ${testEngine()}`, () => {
  let db: TestDatabase;
  let calendars: CalendarRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    calendars = new CalendarRepository(db.dataSource);
  });
  afterAll(() => db?.close());

  it('stores a calendar, and leaves the row alone when the same content comes again', async () => {
    const first = await calendars.save(OFFICE, 'office:user:1');
    expect(first.changed).toBe(true);
    expect(await calendars.find('GS-OFFICE')).toMatchObject({
      definition: OFFICE,
      updatedBy: 'office:user:1',
    });
    const again = await calendars.save({ ...OFFICE }, 'office:user:2');
    expect(again.changed).toBe(false);
    expect((await calendars.find('GS-OFFICE'))?.updatedBy).toBe('office:user:1');
    const changed = await calendars.save(
      { ...OFFICE, holidays: ['2027-01-01', '2027-01-02'] },
      'admin:user:1',
    );
    expect(changed.changed).toBe(true);
    expect(await calendars.find('GS-OFFICE')).toMatchObject({
      definition: { holidays: ['2027-01-01', '2027-01-02'] },
      updatedBy: 'admin:user:1',
    });
    expect((await calendars.list()).map((c) => c.code)).toEqual(['GS-OFFICE']);
  });

  it('resolves a code to the stored calendar, else the built-in one, else nothing', async () => {
    expect(await calendars.resolve('CN')).toEqual(builtInCalendar('CN'));
    expect(await calendars.resolve('NOWHERE')).toBeNull();
    const cn2027 = {
      ...builtInCalendar('CN')!,
      holidays: [...builtInCalendar('CN')!.holidays, '2027-02-17'],
    };
    await calendars.save(cn2027, 'office:user:1');
    expect(await calendars.resolve('CN')).toEqual(cn2027);
  });

  it('migrates down and up again', async () => {
    const migration = new WorkingCalendars1795860000000();
    const q = db.dataSource.createQueryRunner();
    try {
      await migration.down(q);
      expect([await q.hasTable('calendars'), await q.hasColumn('plans', 'calendar_code')]).toEqual([
        false,
        false,
      ]);
      await migration.up(q);
      expect([await q.hasTable('calendars'), await q.hasColumn('plans', 'calendar_code')]).toEqual([
        true,
        true,
      ]);
    } finally {
      await q.release();
    }
    await calendars.save(OFFICE, 'office:user:1');
    expect((await calendars.find('GS-OFFICE'))?.definition).toEqual(OFFICE);
  });
});
