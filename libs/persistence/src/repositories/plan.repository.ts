import type { EscalationPolicy } from '../../../domain/src/escalation-ladder';
import { DataSource, EntityManager, In, IsNull, Not, QueryFailedError } from 'typeorm';
import { InspectionEntity } from '../entities/inspection.entity';
import { MeasureUnitEntity } from '../entities/measure-unit.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { PlanEntity } from '../entities/plan.entity';
import { ProblemGroupEntity } from '../entities/problem-group.entity';
import { ProblemEntity } from '../entities/problem.entity';
import { UnitEntity } from '../entities/unit.entity';
import type { PlanDefinition } from '../../../domain/src/plan-definition';
import { PlanVersionEntity } from '../entities/plan-version.entity';
import { planDefinitionFromRows } from '../plan-definition.mapper';
import type { PlanRows } from '../plan-import.mapper';
import { connectionSafeTransaction } from '../serialized-write';
import { DEFINITION_MEASURES_KEPT, KeptDefinitions } from './kept-definitions';
import { type MeasurePaging, PlanMeasurePages } from './plan-measure-pages';

const MEASURE_ORDER = { position: 'ASC', code: 'ASC' } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SavePlanOutcome =
  | { readonly kind: 'created' }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'conflict'; readonly message: string };

// A re-import: the plan's rows as the new document makes them (existing measures already
// merged with their live state), and the measures that leave the plan.
export interface PlanChange {
  // The content hash the change was computed against: a concurrent re-import makes it stale.
  readonly basedOnHash: string;
  // Plan, inspection, units, groups and problems are the plan's own: written as they are.
  // `rows.measureUnits` covers every measure of the new document.
  readonly rows: Omit<PlanRows, 'measures'>;
  readonly newMeasures: readonly MeasureEntity[];
  // Existing measures: only the plan's fields that changed, so live state (status, escalation,
  // an approved extension) is never written over.
  readonly measureUpdates: readonly { readonly id: string; readonly fields: Partial<MeasureEntity> }[];
  readonly withdrawnCodes: readonly string[];
}

export type ApplyPlanOutcome =
  | { readonly kind: 'applied' }
  | { readonly kind: 'conflict'; readonly message: string };

export interface PlanTree {
  plan: PlanRow;
  inspection: InspectionEntity;
  units: UnitEntity[];
  groups: ProblemGroupEntity[];
  problems: ProblemEntity[];
  measures: MeasureEntity[];
}

// What the plan tree (GET /plans/:id) shows of a measure and needs to decide who may see it: not
// its escalation policy, indicators or milestones, which in a plan of 10,000 measures were about
// four fifths of the measures' bytes, each parsed from JSON on every read.
export const MEASURE_HEAD_COLUMNS = [
  'id',
  'code',
  'title',
  'problemId',
  'parentMeasureId',
  'leadUnitCode',
  'coUnitCodes',
  'leadLeader',
  'dueAt',
  'status',
  'overdueLevel',
  'position',
] as const satisfies readonly (keyof MeasureEntity)[];
export type MeasureHead = Pick<MeasureEntity, (typeof MEASURE_HEAD_COLUMNS)[number]>;

// What the plan overview (GET /plans/:id/overview) counts of a measure: its head, track, light,
// sign-off and indicators; not its escalation policy or milestones.
export const MEASURE_OVERVIEW_COLUMNS = [
  ...MEASURE_HEAD_COLUMNS,
  'track',
  'light',
  'signedOffAt',
  'indicators',
] as const satisfies readonly (keyof MeasureEntity)[];
export type MeasureOverviewRow = Pick<MeasureEntity, (typeof MEASURE_OVERVIEW_COLUMNS)[number]>;

// What the unit assessment (考评) reads of a measure to score its lead unit and to decide who may
// see the plan: not its title, indicators, milestones or policy, which at 50,000 measures made
// reading the whole tree for a bulletin's ranking a third of the bulletin's time (BENCHMARKS.md).
export const MEASURE_ASSESSED_COLUMNS = [
  'id',
  'leadUnitCode',
  'coUnitCodes',
  'leadLeader',
  'dueAt',
  'status',
  'signedOffAt',
] as const satisfies readonly (keyof MeasureEntity)[];
export type MeasureAssessed = Pick<MeasureEntity, (typeof MEASURE_ASSESSED_COLUMNS)[number]>;

// A plan row without its definition (a whole plan document: about 3 MB of JSON at 10,000
// measures, parsed on every read), with the definition's `plan` part that the tree shows.
export type PlanRow = Omit<PlanEntity, 'definition'>;

export type PlanHead = PlanRow & {
  readonly definitionPlan: PlanDefinition['plan'] | null;
};

// The plan's tree as shown, each measure with the columns `M` names.
export interface PlanHeadView<M = MeasureHead> extends Omit<PlanTree, 'measures' | 'plan'> {
  plan: PlanHead;
  measures: M[];
}

export type PlanVersionHead = Omit<PlanVersionEntity, 'definition'>;

export type PlanTreeView = PlanHeadView<MeasureHead>;
export type PlanOverviewView = PlanHeadView<MeasureOverviewRow>;

// A plan's units and measures as the unit assessment reads them (MEASURE_ASSESSED_COLUMNS), in
// the tree's order.
export interface PlanAssessedView {
  plan: PlanRow;
  units: UnitEntity[];
  measures: MeasureAssessed[];
}

// Rows per INSERT: stays under SQLite's and PostgreSQL's bound-parameter limits for every table.
const CHUNK = 50;

export class PlanRepository {
  private readonly pages: PlanMeasurePages;
  private readonly definitions: KeptDefinitions;

  constructor(
    private readonly ds: DataSource,
    paging: Partial<MeasurePaging> = {},
    definitionMeasuresKept = DEFINITION_MEASURES_KEPT,
  ) {
    this.pages = new PlanMeasurePages(ds, paging);
    this.definitions = new KeptDefinitions(definitionMeasuresKept);
  }

  // All or nothing: a plan is either wholly in the read model or not at all.
  async savePlan(rows: PlanRows): Promise<SavePlanOutcome> {
    try {
      return await connectionSafeTransaction(this.ds, (em) => this.saveIn(em, rows));
    } catch (e) {
      // A concurrent import of the same plan won the race: answer as if we had come second.
      if (e instanceof QueryFailedError && /unique|duplicate/i.test(e.message)) {
        return connectionSafeTransaction(this.ds, (em) => this.saveIn(em, rows));
      }
      throw e;
    }
  }

  private async saveIn(em: EntityManager, rows: PlanRows): Promise<SavePlanOutcome> {
    const existing = await em.findOne(PlanEntity, { where: { code: rows.plan.code } });
    if (existing) {
      return existing.contentHash === rows.plan.contentHash
        ? { kind: 'unchanged' }
        : { kind: 'conflict', message: `plan ${rows.plan.code} was already imported with different content` };
    }
    const inspection = await em.findOne(InspectionEntity, { where: { code: rows.inspection.code } });
    if (inspection) {
      const fields = [
        'name',
        'inspectingBody',
        'inspectedOrganisation',
        'onSiteFrom',
        'onSiteTo',
        'feedbackDate',
      ] as const;
      const differing = fields.filter((f) => inspection[f] !== rows.inspection[f]);
      if (differing.length) {
        return {
          kind: 'conflict',
          message: `inspection ${inspection.code} is already recorded with a different ${differing.join(', ')}`,
        };
      }
    } else {
      await em.insert(InspectionEntity, rows.inspection);
    }
    await em.insert(PlanEntity, rows.plan);
    await insertChunked(em, UnitEntity, rows.units);
    // Categories precede their aspects in `groups`, so parents exist before children.
    await insertChunked(em, ProblemGroupEntity, rows.groups);
    await insertChunked(em, ProblemEntity, rows.problems);
    await insertChunked(em, MeasureEntity, rows.measures);
    await insertChunked(em, MeasureUnitEntity, rows.measureUnits);
    await keepVersion(em, rows.plan);
    return { kind: 'created' };
  }

  // One transaction: either the whole change is in the read model or none of it.
  applyChange(change: PlanChange): Promise<ApplyPlanOutcome> {
    return connectionSafeTransaction(this.ds, async (em) => {
      const { rows } = change;
      const current = await em.findOne(PlanEntity, { where: { id: rows.plan.id } });
      if (!current || current.contentHash !== change.basedOnHash)
        return {
          kind: 'conflict',
          message: `plan ${rows.plan.code} changed while this import was prepared; submit it again`,
        };
      await upsert(em, InspectionEntity, [rows.inspection], { code: rows.inspection.code });
      await em.update(PlanEntity, { id: rows.plan.id }, {
        inspectionId: rows.plan.inspectionId,
        title: rows.plan.title,
        timeZone: rows.plan.timeZone,
        escalationPolicy: rows.plan.escalationPolicy,
        contentHash: rows.plan.contentHash,
        importedAt: rows.plan.importedAt,
        definition: rows.plan.definition,
        reportingCadence: rows.plan.reportingCadence,
        calendarCode: rows.plan.calendarCode,
      } as never);
      const planId = rows.plan.id;
      await upsert(em, UnitEntity, rows.units, { planId });
      await upsert(em, ProblemGroupEntity, rows.groups, { planId });
      await upsert(em, ProblemEntity, rows.problems, { planId });
      for (const u of change.measureUpdates)
        if (Object.keys(u.fields).length) await em.update(MeasureEntity, { id: u.id }, u.fields as never);
      await insertChunked(em, MeasureEntity, [...change.newMeasures]);
      const ids = [...new Set(rows.measureUnits.map((mu) => mu.measureId))];
      for (let i = 0; i < ids.length; i += CHUNK)
        await em.delete(MeasureUnitEntity, { measureId: In(ids.slice(i, i + CHUNK)) });
      await insertChunked(em, MeasureUnitEntity, rows.measureUnits);
      if (change.withdrawnCodes.length)
        await em.update(
          MeasureEntity,
          { planId, code: In([...change.withdrawnCodes]), status: Not('withdrawn') },
          { status: 'withdrawn' },
        );
      await keepVersion(em, rows.plan);
      return { kind: 'applied' };
    });
  }

  // The plan as last applied, deadlines as written.
  async definitionOf(plan: PlanEntity): Promise<PlanDefinition> {
    return plan.definition ?? planDefinitionFromRows(await this.tree(plan));
  }

  // 方案版本, oldest first.
  versions(planId: string): Promise<PlanVersionEntity[]> {
    return this.ds.getRepository(PlanVersionEntity).find({ where: { planId }, order: { number: 'ASC' } });
  }

  // 方案版本 without their definitions, oldest first: enough to choose the one in force. Each
  // definition is a whole plan document (16 MB of JSON at 50,000 measures).
  versionHeads(planId: string): Promise<PlanVersionHead[]> {
    return this.ds.getRepository(PlanVersionEntity).find({
      where: { planId },
      order: { number: 'ASC' },
      select: { planId: true, number: true, contentHash: true, appliedAt: true },
    });
  }

  // The definitions of these versions of the plan (as their heads name them), by number, frozen:
  // those read lately are kept parsed (KeptDefinitions), the others read.
  async versionDefinitions(
    planId: string,
    versions: readonly Pick<PlanVersionHead, 'number' | 'contentHash'>[],
  ): Promise<Map<number, PlanDefinition>> {
    const found = new Map<number, PlanDefinition>();
    const missing: number[] = [];
    for (const v of versions) {
      const kept = this.definitions.get(planId, v.number, v.contentHash);
      if (kept) found.set(v.number, kept);
      else missing.push(v.number);
    }
    if (!missing.length) return found;
    const rows = await this.ds.getRepository(PlanVersionEntity).find({
      where: { planId, number: In(missing) },
      select: { number: true, contentHash: true, definition: true },
    });
    // Kept under the hash read with the definition, not the one asked for.
    for (const v of rows)
      found.set(v.number, this.definitions.keep(planId, v.number, v.contentHash, v.definition));
    return found;
  }

  async markClosed(planId: string, closedAt: Date, closedBy: string): Promise<void> {
    await this.ds.getRepository(PlanEntity).update({ id: planId }, { closedAt, closedBy } as never);
  }

  // The policy measures imported later start with; running measures keep theirs until told.
  async setDefaultPolicy(planId: string, policy: EscalationPolicy): Promise<void> {
    await this.ds.getRepository(PlanEntity).update({ id: planId }, { escalationPolicy: policy as never });
  }

  // Plans whose ladders run on this calendar: they hear of every change to it.
  // Publish the plan's public bulletin as of a day, or withdraw it (asOf null).
  async setPublication(planId: string, asOf: string | null, at: Date, by: string): Promise<void> {
    await this.ds
      .getRepository(PlanEntity)
      .update(
        { id: planId },
        asOf
          ? { publishedAsOf: asOf, publishedAt: at, publishedBy: by }
          : { publishedAsOf: null, publishedAt: null, publishedBy: null },
      );
  }

  listByCalendar(calendarCode: string): Promise<PlanEntity[]> {
    return this.ds.getRepository(PlanEntity).find({ where: { calendarCode }, order: { code: 'ASC' } });
  }

  findById(id: string): Promise<PlanEntity | null> {
    return this.ds.getRepository(PlanEntity).findOne({ where: { id } });
  }

  findByCode(code: string): Promise<PlanEntity | null> {
    return this.ds.getRepository(PlanEntity).findOne({ where: { code } });
  }

  // Plan routes name a plan by id or by code; a code never has the shape of a UUID.
  findByIdOrCode(idOrCode: string): Promise<PlanEntity | null> {
    return UUID.test(idOrCode) ? this.findById(idOrCode) : this.findByCode(idOrCode);
  }

  list(): Promise<PlanEntity[]> {
    return this.ds.getRepository(PlanEntity).find({ order: { importedAt: 'ASC', code: 'ASC' } });
  }

  // Plans whose public bulletin is published (公开), the latest publication first, one page.
  listPublished(page: { limit: number; offset: number }): Promise<[PlanEntity[], number]> {
    return this.ds.getRepository(PlanEntity).findAndCount({
      where: { publishedAsOf: Not(IsNull()) },
      order: { publishedAt: 'DESC', code: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
  }

  tree(plan: PlanRow): Promise<PlanTree> {
    return this.treeWith(plan, (planId) =>
      this.ds.getRepository(MeasureEntity).find({ where: { planId }, order: MEASURE_ORDER }),
    );
  }

  // The plan by id or code without its definition (a whole plan document, megabytes for a large
  // plan, parsed on every read of the row); null: no such plan.
  async findRowByIdOrCode(idOrCode: string): Promise<PlanRow | null> {
    const columns = this.ds
      .getMetadata(PlanEntity)
      .columns.map((c) => c.propertyName)
      .filter((name) => name !== 'definition');
    const row = await this.ds.getRepository(PlanEntity).findOne({
      where: UUID.test(idOrCode) ? { id: idOrCode } : { code: idOrCode },
      select: Object.fromEntries(columns.map((c) => [c, true])),
    });
    if (!row) return null;
    const { definition: _unread, ...rest } = row;
    return rest;
  }

  // For showing the tree: the plan by id or code without its definition (null: no such plan),
  // each measure's head only (MEASURE_HEAD_COLUMNS).
  treeView(idOrCode: string): Promise<PlanTreeView | null> {
    return this.headView(idOrCode, MEASURE_HEAD_COLUMNS);
  }

  // For the plan's overview: as treeView, each measure with what the overview counts
  // (MEASURE_OVERVIEW_COLUMNS).
  overviewView(idOrCode: string): Promise<PlanOverviewView | null> {
    return this.headView(idOrCode, MEASURE_OVERVIEW_COLUMNS);
  }

  // The plan's units, by code.
  units(planId: string): Promise<UnitEntity[]> {
    return this.ds.getRepository(UnitEntity).find({ where: { planId }, order: { code: 'ASC' } });
  }

  // For the unit assessment: the plan's units and each measure's MEASURE_ASSESSED_COLUMNS.
  async assessedView(plan: PlanRow): Promise<PlanAssessedView> {
    const [units, measures] = await Promise.all([
      this.ds.getRepository(UnitEntity).find({ where: { planId: plan.id }, order: { code: 'ASC' } }),
      this.pages.consistent(plan.id, (page) =>
        this.pages.rows(plan.id, MEASURE_ASSESSED_COLUMNS, 'all', page),
      ),
    ]);
    return { plan, units, measures };
  }

  private async headView<C extends keyof MeasureEntity>(
    idOrCode: string,
    columns: readonly C[],
  ): Promise<PlanHeadView<Pick<MeasureEntity, C>> | null> {
    const row = await this.findRowByIdOrCode(idOrCode);
    if (!row) return null;
    const plan: PlanHead = { ...row, definitionPlan: await this.definitionPlan(row.id) };
    // In pages, in slices of the event loop: a 50,000-measure plan's measures by one statement and
    // as entities held the API's thread 0.5–0.65 s (BENCHMARKS.md, "the plan tree read in pages").
    return this.treeWith(plan, (planId) =>
      this.pages.consistent(planId, (page) => this.pages.rows(planId, columns, 'all', page)),
    );
  }

  // The definition's `plan` part, taken out by the database rather than by parsing the whole
  // document here; null for a plan imported before definitions were kept.
  private async definitionPlan(planId: string): Promise<PlanDefinition['plan'] | null> {
    const rows: { part: string | null }[] =
      this.ds.options.type === 'postgres'
        ? await this.ds.query(`SELECT (definition::json -> 'plan')::text AS part FROM plans WHERE id = $1`, [
            planId,
          ])
        : await this.ds.query(`SELECT json_extract(definition, '$.plan') AS part FROM plans WHERE id = ?`, [
            planId,
          ]);
    const part = rows[0]?.part;
    return part ? (JSON.parse(part) as PlanDefinition['plan']) : null;
  }

  private async treeWith<P extends { readonly id: string; readonly inspectionId: string }, M>(
    plan: P,
    measuresOf: (planId: string) => Promise<M[]>,
  ): Promise<Omit<PlanTree, 'measures' | 'plan'> & { plan: P; measures: M[] }> {
    const planId = plan.id;
    const [inspection, units, groups, problems, measures] = await Promise.all([
      this.ds.getRepository(InspectionEntity).findOneOrFail({ where: { id: plan.inspectionId } }),
      this.ds.getRepository(UnitEntity).find({ where: { planId }, order: { code: 'ASC' } }),
      this.ds.getRepository(ProblemGroupEntity).find({ where: { planId }, order: { position: 'ASC' } }),
      this.ds.getRepository(ProblemEntity).find({ where: { planId }, order: { position: 'ASC' } }),
      measuresOf(planId),
    ]);
    // Categories first, so every aspect's parent precedes it.
    const ordered = [
      ...groups.filter((g) => g.kind === 'category'),
      ...groups.filter((g) => g.kind === 'aspect'),
    ];
    return { plan, inspection, units, groups: ordered, problems, measures };
  }
}

// Rows whose id exists are updated in place, the others inserted. Ids derive from codes, so a
// row of the new document finds the row of the same code.
async function upsert<T extends { id: string }>(
  em: EntityManager,
  target: new () => T,
  rows: T[],
  scope: Record<string, unknown>,
): Promise<void> {
  const existing = new Set(
    (await em.find(target, { where: scope as never, select: { id: true } as never })).map((r) => r.id),
  );
  for (const row of rows) {
    if (!existing.has(row.id)) continue;
    const { id, ...fields } = row;
    await em.update(target, { id } as never, fields as never);
  }
  await insertChunked(
    em,
    target,
    rows.filter((r) => !existing.has(r.id)),
  );
}

async function insertChunked<T extends object>(
  em: EntityManager,
  target: new () => T,
  rows: T[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // updateEntity(false): TypeORM would otherwise write "generated" values back into our row
    // objects, and on SQLite multi-row inserts it hands the primary keys back in the wrong order.
    await em
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + CHUNK) as never)
      .updateEntity(false)
      .execute();
  }
}

// 方案版本: the content just applied becomes the plan's next version (same transaction).
async function keepVersion(em: EntityManager, plan: PlanRows['plan']): Promise<void> {
  if (!plan.definition) return;
  const last = await em.findOne(PlanVersionEntity, { where: { planId: plan.id }, order: { number: 'DESC' } });
  await em.insert(PlanVersionEntity, {
    planId: plan.id,
    number: (last?.number ?? 0) + 1,
    contentHash: plan.contentHash,
    definition: plan.definition,
    appliedAt: plan.importedAt,
  });
}
