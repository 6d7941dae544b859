import { DataSource, In, IsNull, Not, SelectQueryBuilder } from 'typeorm';
import type { AcknowledgementStatus } from '../../../domain/src/acknowledgement-policy';
import type { MeasureScope } from '../../../domain/src/authorization';
import { DEFAULT_LIGHT_RULE, lightOnAssignment, MeasureLight } from '../../../domain/src/measure-light';
import { isOpen, MEASURE_STATUSES, MeasureStatus } from '../../../domain/src/measure-status';
import { MeasureUnitEntity } from '../entities/measure-unit.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { PlanEntity } from '../entities/plan.entity';
import { ProblemEntity } from '../entities/problem.entity';
import { measureWorkflowId } from '../../../domain/src/measure-identity';
import { startOfDayInZone } from '../../../domain/src/deadline';
import type { Track } from '../../../domain/src/track';
import { stableId } from '../stable-id';
import { UnknownMeasureError } from './measure-event.repository';
import { connectionSafeTransaction } from '../serialized-write';

export interface MeasureFilter {
  // Whose list this is (see libs/domain/src/authorization.ts): required, so no list forgets it.
  readonly scope: MeasureScope;
  readonly planId?: string;
  // Codes in the plan's problem tree (大类, 问题).
  readonly categoryCode?: string;
  readonly problemCode?: string;
  readonly status?: MeasureStatus;
  // Measures this unit leads or co-operates on.
  readonly unitCode?: string;
  readonly leadLeader?: string;
  readonly track?: Track;
  // The highest ladder level reached (overdue_level: 0 none, 1 催办 … 4 问责移送).
  readonly overdueLevel?: number;
  // 亮灯: open measures showing this light.
  readonly light?: MeasureLight;
  // Calendar days (YYYY-MM-DD), both included, read in each plan's own time zone.
  readonly dueFrom?: string;
  readonly dueTo?: string;
  // Part of the code or the title, case-insensitive.
  readonly text?: string;
  // 签收: where the latest delivery stands (measures needing none never match).
  readonly acknowledgement?: AcknowledgementStatus;
  readonly sort?: MeasureSort;
  readonly limit: number;
  readonly offset: number;
}

export const MEASURE_SORT_COLUMNS = [
  'code',
  'title',
  'dueAt',
  'status',
  'overdueLevel',
  'leadUnit',
  'leadLeader',
  'track',
] as const;
export type MeasureSortColumn = (typeof MEASURE_SORT_COLUMNS)[number];
export interface MeasureSort {
  readonly column: MeasureSortColumn;
  readonly direction: 'ASC' | 'DESC';
}

const SORT_EXPRESSIONS: Record<MeasureSortColumn, string> = {
  code: 'm.code',
  title: 'm.title',
  dueAt: 'm.due_at',
  status: 'm.status',
  overdueLevel: 'm.overdue_level',
  leadUnit: 'm.lead_unit_code',
  leadLeader: 'm.lead_leader',
  track: 'm.track',
};

// The columns a board row shows (measureSummary) and its export adds (the problem's code): not the
// JSON columns (indicators, milestones, policy, …) a page of the board never shows.
const BOARD_COLUMNS = [
  'id',
  'planId',
  'problemId',
  'parentMeasureId',
  'track',
  'code',
  'title',
  'leadLeader',
  'leadUnitCode',
  'coUnitCodes',
  'dueAt',
  'dueText',
  'dueAssumed',
  'reviewsOnly',
  'status',
  'overdueLevel',
  'light',
  'workflowId',
  'signedOffAt',
  'acknowledgement',
  'acknowledgeBy',
] as const satisfies readonly (keyof MeasureEntity)[];
export type MeasureBoardRow = Pick<MeasureEntity, (typeof BOARD_COLUMNS)[number]>;

// A sub-measure's full code is taken in the plan by a measure that is not that sub-measure (an
// imported dotted code, or another parent's).
export class SubMeasureCodeTakenError extends Error {}

// The filters a unit's desk count answers from measure_units alone (with the page's own keys).
const UNIT_DESK_KEYS: ReadonlySet<string> = new Set([
  'scope',
  'planId',
  'unitCode',
  'status',
  'sort',
  'limit',
  'offset',
] satisfies (keyof MeasureFilter)[]);

interface UnitInPlan {
  readonly planId: string;
  readonly code: string;
}

interface Narrowing {
  readonly planId?: string;
  readonly status?: MeasureStatus;
}

// The conditions on measure_units (alias `mu`) that repeat a query's plan and status filters.
function within(narrow: Narrowing): string {
  return `${narrow.planId ? ' AND mu.plan_id = :planId' : ''}${narrow.status ? ' AND mu.status = :status' : ''}`;
}

// The measures a unit filter or a unit scope reaches, read from measure_units: a statement giving
// their measure_id, and its parameters (the plan's and the status's among them). `once`: no
// measure_id twice (a measure has one row per unit, so one unit's list holds it once, and so does
// a UNION; a list of several units holds it once for each of its units there).
interface UnitList {
  readonly sql: string;
  readonly parameters: Record<string, unknown>;
  readonly once: boolean;
}

function unitList(
  sql: string,
  parameters: Record<string, unknown>,
  narrow: Narrowing,
  once: boolean,
): UnitList {
  return {
    once,
    sql,
    parameters: {
      ...parameters,
      ...(narrow.planId ? { planId: narrow.planId } : {}),
      ...(narrow.status ? { status: narrow.status } : {}),
    },
  };
}

export class MeasureRepository {
  constructor(private readonly ds: DataSource) {}

  // One page and the count of every match: the filters run in SQL on indexed columns, so a list of
  // tens of thousands of measures costs one COUNT and one page, never every row. COUNT(*), not
  // getManyAndCount's COUNT(DISTINCT id): no join repeats a measure (filtered below).
  async list(filter: MeasureFilter): Promise<{ items: MeasureBoardRow[]; total: number }> {
    const below = filter.scope.kind === 'units' ? await this.unitsBelow(filter.scope) : [];
    const desk = this.deskInDeadlineOrder(filter, below);
    if (desk) return desk;
    const { qb, units } = await this.filtered(filter, below);
    const count =
      this.countFromUnitIndex(filter, units) ??
      qb.clone().select('COUNT(*)', 'total').getRawOne<{ total: number | string }>();
    const sort = filter.sort ?? { column: 'dueAt', direction: 'ASC' };
    qb.select(BOARD_COLUMNS.map((c) => `m.${c}`)).orderBy(SORT_EXPRESSIONS[sort.column], sort.direction);
    // Ties keep one order across pages.
    if (sort.column !== 'code') qb.addOrderBy('m.code', 'ASC');
    qb.addOrderBy('m.id', 'ASC');
    // LIMIT and OFFSET as they are: take/skip would page a join through a DISTINCT subquery.
    const [items, counted] = await Promise.all([
      qb.limit(filter.limit).offset(filter.offset).getMany(),
      count,
    ]);
    return { items, total: Number(counted?.total ?? 0) };
  }

  // A unit's desk as units see it (one unit, as a filter or as the caller's scope with no unit below
  // it; the plan; one status; the board's default order) read from measure_units' unit index, which
  // carries each measure's status, deadline and code (the database copies them there): the index
  // gives the page in order and only the page's measures are read. Through the measures, the page
  // walked the plan's measures of that status in deadline order until it had found the unit's:
  // half of the page's statement at 10,000 measures (BENCHMARKS.md, "The desk in deadline order").
  private deskInDeadlineOrder(
    filter: MeasureFilter,
    below: readonly UnitInPlan[],
  ): Promise<{ items: MeasureBoardRow[]; total: number }> | null {
    const { planId, status, sort } = filter;
    if (!planId || !status) return null;
    if (sort && (sort.column !== 'dueAt' || sort.direction !== 'ASC')) return null;
    if (Object.entries(filter).some(([key, value]) => value !== undefined && !UNIT_DESK_KEYS.has(key)))
      return null;
    const { scope } = filter;
    const unitCode =
      scope.kind === 'all'
        ? filter.unitCode
        : scope.kind === 'units' && scope.unitCodes.length === 1 && !below.length && !filter.unitCode
          ? scope.unitCodes[0]
          : undefined;
    if (!unitCode) return null;
    const desk = unitList(
      `SELECT mu.measure_id FROM measure_units mu WHERE mu.unit_code = :unitCode${within({ planId, status })}`,
      { unitCode },
      { planId, status },
      true,
    );
    const page = this.ds
      .getRepository(MeasureEntity)
      .createQueryBuilder('m')
      .innerJoin(MeasureUnitEntity, 'mu', 'mu.measure_id = m.id')
      .where(`mu.unit_code = :unitCode${within({ planId, status })}`, desk.parameters)
      .select(BOARD_COLUMNS.map((c) => `m.${c}`))
      // The board's order by deadline (SORT_EXPRESSIONS, then code and id), as the copies hold it.
      .orderBy('mu.due_at', 'ASC')
      .addOrderBy('mu.code', 'ASC')
      .addOrderBy('mu.measure_id', 'ASC')
      .limit(filter.limit)
      .offset(filter.offset)
      .getMany();
    return Promise.all([page, this.countFromUnitIndex(filter, desk)]).then(([items, counted]) => ({
      items,
      total: Number(counted?.total ?? 0),
    }));
  }

  // A unit's desk (a unit, as a filter or as the caller's scope, and at most the plan and a status)
  // counted from measure_units' unit index alone, which carries each measure's status (the database
  // copies it there): the unit's 3,750 matches at 50,000 measures took 1.8 ms on SQLite and 11 ms on
  // PostgreSQL counted from the measures (BENCHMARKS.md). The list's conditions repeat the plan and
  // status filters, so its measures are the matches, each counted once. Any other filter, or a unit
  // filter within a unit scope (two lists), counts from the measures.
  private countFromUnitIndex(
    filter: MeasureFilter,
    units: UnitList | null,
  ): Promise<{ total: number | string } | undefined> | null {
    if (!units) return null;
    if (Object.entries(filter).some(([key, value]) => value !== undefined && !UNIT_DESK_KEYS.has(key)))
      return null;
    const [sql, parameters] = this.ds.driver.escapeQueryWithParameters(
      `SELECT ${units.once ? 'COUNT(*)' : 'COUNT(DISTINCT listed.measure_id)'} AS total FROM (${units.sql}) listed`,
      units.parameters,
      {},
    );
    return this.ds.query(sql, parameters).then((rows: { total: number | string }[]) => rows[0]);
  }

  // The query and, when exactly one list from measure_units limits it (the caller's unit scope or
  // the unit filter), that list.
  private async filtered(
    filter: MeasureFilter,
    below: readonly UnitInPlan[],
  ): Promise<{ qb: SelectQueryBuilder<MeasureEntity>; units: UnitList | null }> {
    const qb = this.ds.getRepository(MeasureEntity).createQueryBuilder('m');
    const narrow = { planId: filter.planId, status: filter.status };
    const scoped = this.whereInScope(qb, filter.scope, below, narrow);
    if (filter.planId) qb.andWhere('m.plan_id = :planId', { planId: filter.planId });
    if (filter.status) qb.andWhere('m.status = :status', { status: filter.status });
    let units: UnitList | null = scoped;
    if (filter.unitCode) {
      // The unit's measures as a list from measure_units' (unit, plan, measure) index, not a join:
      // with the plan, SQLite (without statistics) then either walks the plan's measures by
      // (plan, status) in the page's order, stopping at the page's end, or checks each listed
      // measure's status in ix_measures_state, never reading a measure row it does not return. A
      // list also cannot repeat a measure, so the count stays COUNT(*). The status copied into
      // measure_units narrows the list to the matches.
      const unit = unitList(
        `SELECT mu.measure_id FROM measure_units mu WHERE mu.unit_code = :unitCode${within(narrow)}`,
        { unitCode: filter.unitCode },
        narrow,
        true,
      );
      qb.andWhere(`m.id IN (${unit.sql})`, unit.parameters);
      units = filter.scope.kind === 'all' ? unit : null;
    }
    if (filter.problemCode) {
      qb.andWhere(`EXISTS (SELECT 1 FROM problems p WHERE p.id = m.problem_id AND p.code = :problemCode)`, {
        problemCode: filter.problemCode,
      });
    }
    if (filter.categoryCode) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM problems p
           JOIN problem_groups a ON a.id = p.aspect_id
           JOIN problem_groups c ON c.id = a.parent_id
         WHERE p.id = m.problem_id AND c.code = :categoryCode)`,
        { categoryCode: filter.categoryCode },
      );
    }
    if (filter.leadLeader) qb.andWhere('m.lead_leader = :leadLeader', { leadLeader: filter.leadLeader });
    if (filter.track) qb.andWhere('m.track = :track', { track: filter.track });
    if (filter.overdueLevel !== undefined) {
      qb.andWhere('m.overdue_level = :overdueLevel', { overdueLevel: filter.overdueLevel });
    }
    if (filter.light) qb.andWhere('m.light = :light', { light: filter.light });
    if (filter.text) {
      qb.andWhere(`(LOWER(m.code) LIKE :text ESCAPE '\\' OR LOWER(m.title) LIKE :text ESCAPE '\\')`, {
        text: `%${filter.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    if (filter.acknowledgement)
      qb.andWhere('m.acknowledgement = :acknowledgement', { acknowledgement: filter.acknowledgement });
    if (filter.dueFrom || filter.dueTo) await this.whereDueWithin(qb, filter.dueFrom, filter.dueTo);
    return { qb, units };
  }

  // A deadline "2019-09-30" is due at the next midnight in the plan's zone (readDeadline): the
  // window of days [from, to] is the instants after `from`'s midnight up to and including the
  // midnight ending `to`, per time zone of the plans (few; usually one).
  private async whereDueWithin(
    qb: SelectQueryBuilder<MeasureEntity>,
    from: string | undefined,
    to: string | undefined,
  ): Promise<void> {
    const zones: { zone: string }[] = await this.ds
      .getRepository(PlanEntity)
      .createQueryBuilder('p')
      .select('DISTINCT p.time_zone', 'zone')
      .getRawMany();
    if (!zones.length) {
      qb.andWhere('1 = 0');
      return;
    }
    const clauses = zones.map(({ zone }, i) => {
      const parts = [`m.plan_id IN (SELECT z.id FROM plans z WHERE z.time_zone = :zone${i})`];
      const params: Record<string, unknown> = { [`zone${i}`]: zone };
      if (from) {
        parts.push(`m.due_at > :from${i}`);
        params[`from${i}`] = new Date(dayStart(from, 0, zone));
      }
      if (to) {
        parts.push(`m.due_at <= :to${i}`);
        params[`to${i}`] = new Date(dayStart(to, 1, zone));
      }
      return { sql: `(${parts.join(' AND ')})`, params };
    });
    qb.andWhere(
      `(${clauses.map((c) => c.sql).join(' OR ')})`,
      Object.assign({}, ...clauses.map((c) => c.params)),
    );
  }

  // The codes of the plans and problems these measures belong to, for exports.
  async treeCodes(
    measures: readonly Pick<MeasureEntity, 'planId' | 'problemId'>[],
  ): Promise<{ plans: Map<string, string>; problems: Map<string, string> }> {
    const planIds = [...new Set(measures.map((m) => m.planId))];
    const problemIds = [...new Set(measures.map((m) => m.problemId))];
    const plans = planIds.length
      ? await this.ds
          .getRepository(PlanEntity)
          .find({ where: { id: In(planIds) }, select: { id: true, code: true } })
      : [];
    const problems = problemIds.length
      ? await this.ds
          .getRepository(ProblemEntity)
          .find({ where: { id: In(problemIds) }, select: { id: true, code: true } })
      : [];
    return {
      plans: new Map(plans.map((p) => [p.id, p.code])),
      problems: new Map(problems.map((p) => [p.id, p.code])),
    };
  }

  // The plans holding at least one measure the scope reaches.
  async planIdsInScope(scope: MeasureScope): Promise<string[]> {
    const qb = this.ds.getRepository(MeasureEntity).createQueryBuilder('m');
    this.whereInScope(qb, scope, scope.kind === 'units' ? await this.unitsBelow(scope) : []);
    const rows = await qb.select('DISTINCT m.plan_id', 'planId').getRawMany<{ planId: string }>();
    return rows.map((r) => r.planId);
  }

  // The units below a unit scope's units in each plan's unit tree (a few rows of the units table), as
  // (unit, plan) pairs; the scope's own units are not among them.
  private async unitsBelow(scope: { readonly unitCodes: readonly string[] }): Promise<UnitInPlan[]> {
    const [sql, parameters] = this.ds.driver.escapeQueryWithParameters(
      `WITH RECURSIVE below(plan_id, code) AS (
         SELECT c.plan_id, c.code FROM units c WHERE c.parent_code IN (:...scopeUnits)
         UNION
         SELECT c.plan_id, c.code FROM units c JOIN below b ON c.plan_id = b.plan_id AND c.parent_code = b.code
       )
       SELECT plan_id AS "planId", code FROM below`,
      { scopeUnits: [...scope.unitCodes] },
      {},
    );
    const below: UnitInPlan[] = await this.ds.query(sql, parameters);
    return below.filter((u) => !scope.unitCodes.includes(u.code));
  }

  // Limits a query over measures (alias `m`) to those the scope reaches: the measures of the
  // scope's units and, through each plan's unit tree, of every unit below them. The units below
  // are read first (a few rows of the units table) and given to the measures' query as (unit,
  // plan) pairs, so that each branch reads measure_units' (unit, plan, measure) index and
  // PostgreSQL plans for the rows it will really find. Asked in one statement, with the tree as a
  // recursive CTE, SQLite scanned every row of measure_units or indexed it on the fly (57 ms and
  // 175 ms a statement at 50,000 measures), and PostgreSQL, expecting most of measure_units, read
  // every measure of the plan.
  // `pairs` are unitsBelow(scope). `narrow` (a plan, a status) limits the lists read from
  // measure_units to the rows the query's own filters keep, when the query has those filters (their
  // parameters are the query's).
  private whereInScope(
    qb: SelectQueryBuilder<MeasureEntity>,
    scope: MeasureScope,
    pairs: readonly UnitInPlan[],
    narrow: Narrowing = {},
  ): UnitList | null {
    if (scope.kind === 'none') qb.andWhere('1 = 0');
    if (scope.kind === 'lead_leader') {
      qb.andWhere('m.lead_leader = :leaderName', { leaderName: scope.leaderName });
    }
    if (scope.kind !== 'units') return null;
    const params: Record<string, string> = {};
    pairs.forEach((u, i) =>
      Object.assign(params, { [`belowUnit${i}`]: u.code, [`belowPlan${i}`]: u.planId }),
    );
    const branches = [
      `SELECT mu.measure_id FROM measure_units mu WHERE mu.unit_code IN (:...scopeUnits)${within(narrow)}`,
    ];
    if (pairs.length) {
      const values = pairs.map((_, i) => `(:belowUnit${i}, :belowPlan${i})`).join(', ');
      branches.push(
        `SELECT mu.measure_id FROM measure_units mu WHERE (mu.unit_code, mu.plan_id) IN (VALUES ${values})${within(narrow)}`,
      );
    }
    const list = unitList(
      branches.join(' UNION '),
      { scopeUnits: [...scope.unitCodes], ...params },
      narrow,
      // UNION keeps each measure once; one branch does for one unit only.
      branches.length > 1 || scope.unitCodes.length === 1,
    );
    qb.andWhere(`m.id IN (${list.sql})`, list.parameters);
    return list;
  }

  findById(id: string): Promise<MeasureEntity | null> {
    return this.ds.getRepository(MeasureEntity).findOne({ where: { id } });
  }

  findByWorkflowId(workflowId: string): Promise<MeasureEntity | null> {
    return this.ds.getRepository(MeasureEntity).findOne({ where: { workflowId } });
  }

  // A withdrawn measure keeps its position and a new one may take the same: the code breaks the tie,
  // or the order would be the query plan's.
  listByPlan(planId: string): Promise<MeasureEntity[]> {
    return this.ds
      .getRepository(MeasureEntity)
      .find({ where: { planId }, order: { position: 'ASC', code: 'ASC' } });
  }

  // Sub-measures get read-model rows before their workflows start. A repeat for the same parent
  // (a retried activity) inserts nothing; a code the plan already has elsewhere is refused whole.
  async registerSubMeasures(
    parentWorkflowId: string,
    subs: readonly { code: string; title: string; leadUnitCode: string; leadLeader: string; dueAt: string }[],
  ): Promise<void> {
    await connectionSafeTransaction(this.ds, async (em) => {
      const parent = await em.findOne(MeasureEntity, { where: { workflowId: parentWorkflowId } });
      if (!parent) throw new UnknownMeasureError(`no measure is recorded for workflow ${parentWorkflowId}`);
      const plan = await em.findOneOrFail(PlanEntity, { where: { id: parent.planId } });
      const existing = await em.find(MeasureEntity, {
        where: { planId: parent.planId, code: In(subs.map((s) => s.code)) },
      });
      const taken = existing.find((m) => m.parentMeasureId !== parent.id);
      if (taken) throw new SubMeasureCodeTakenError(`the plan already has a measure ${taken.code}`);
      const last = await em.count(MeasureEntity, { where: { planId: parent.planId } });
      for (const [i, s] of subs.entries()) {
        if (existing.some((m) => m.code === s.code)) continue;
        const id = stableId('measure', plan.code, s.code);
        await em
          .createQueryBuilder()
          .insert()
          .into(MeasureEntity)
          .values({
            id,
            planId: parent.planId,
            problemId: parent.problemId,
            parentMeasureId: parent.id,
            track: parent.track,
            code: s.code,
            title: s.title,
            leadLeader: s.leadLeader,
            leadUnitCode: s.leadUnitCode,
            coUnitCodes: [] as never,
            dueAt: new Date(s.dueAt),
            dueText: s.dueAt,
            method: null,
            requirements: null,
            indicators: [] as never,
            milestones: [] as never,
            referralItems: [] as never,
            escalationPolicy: parent.escalationPolicy as never,
            status: 'assigned',
            overdueLevel: 0,
            // The light its workflow starts from (lightOnAssignment).
            light: lightOnAssignment(
              parent.escalationPolicy.lights ?? DEFAULT_LIGHT_RULE,
              Date.parse(s.dueAt),
              Date.now(),
            ),
            workflowId: measureWorkflowId(plan.code, s.code),
            signedOffAt: null,
            position: last + i,
          })
          .updateEntity(false)
          .execute();
        await em.insert(MeasureUnitEntity, {
          measureId: id,
          unitCode: s.leadUnitCode,
          planId: parent.planId,
          role: 'lead',
        });
      }
    });
  }

  children(parentMeasureId: string): Promise<MeasureEntity[]> {
    return this.ds.getRepository(MeasureEntity).find({ where: { parentMeasureId }, order: { code: 'ASC' } });
  }

  units(measureId: string): Promise<MeasureUnitEntity[]> {
    return this.ds.getRepository(MeasureUnitEntity).find({ where: { measureId } });
  }

  // The rows of these workflows, for the consistency check.
  async viewsByWorkflowIds(workflowIds: readonly string[]): Promise<MeasureRowView[]> {
    if (!workflowIds.length) return [];
    return this.views(
      await this.ds.getRepository(MeasureEntity).find({ where: { workflowId: In([...workflowIds]) } }),
    );
  }

  // One page, in workflow id order after `afterWorkflowId`, of the rows whose workflow should be
  // running: neither withdrawn nor in a closed plan. Keyset paging keeps each page one index scan.
  async viewsExpectingWorkflows(afterWorkflowId: string, limit: number): Promise<MeasureRowView[]> {
    const rows = await this.ds
      .getRepository(MeasureEntity)
      .createQueryBuilder('m')
      .innerJoin(PlanEntity, 'p', 'p.id = m.plan_id')
      .where('m.workflow_id > :after', { after: afterWorkflowId })
      .andWhere("m.status <> 'withdrawn'")
      .andWhere('p.closed_at IS NULL')
      .orderBy('m.workflow_id', 'ASC')
      .limit(limit)
      .getMany();
    return this.views(rows);
  }

  private async views(rows: readonly MeasureEntity[]): Promise<MeasureRowView[]> {
    const planIds = [...new Set(rows.map((m) => m.planId))];
    const closed = new Set(
      planIds.length
        ? (
            await this.ds
              .getRepository(PlanEntity)
              .find({ where: { id: In(planIds), closedAt: Not(IsNull()) }, select: { id: true } })
          ).map((p) => p.id)
        : [],
    );
    return rows.map((m) => ({
      workflowId: m.workflowId,
      status: m.status,
      overdueLevel: m.overdueLevel,
      dueAt: m.dueAt,
      leadUnitCode: m.leadUnitCode,
      light: m.light,
      planClosed: closed.has(m.planId),
    }));
  }

  // Open measures by status and escalation level, for the metrics gauges: one grouped count.
  async countOpen(): Promise<{ status: MeasureStatus; level: number; count: number }[]> {
    const rows: { status: MeasureStatus; level: number | string; count: number | string }[] = await this.ds
      .getRepository(MeasureEntity)
      .createQueryBuilder('m')
      .select('m.status', 'status')
      .addSelect('m.overdue_level', 'level')
      .addSelect('COUNT(*)', 'count')
      .where('m.status IN (:...open)', { open: MEASURE_STATUSES.filter(isOpen) })
      .groupBy('m.status')
      .addGroupBy('m.overdue_level')
      .getRawMany();
    return rows.map((r) => ({ status: r.status, level: Number(r.level), count: Number(r.count) }));
  }
}

// What the consistency check compares of a measure row with its workflow.
export interface MeasureRowView {
  readonly workflowId: string;
  readonly status: MeasureStatus;
  readonly overdueLevel: number;
  readonly dueAt: Date;
  readonly leadUnitCode: string;
  // 亮灯: null while the measure is not open (or its workflow keeps no light).
  readonly light: MeasureLight | null;
  // The plan is closed: every measure's workflow ended with it.
  readonly planClosed: boolean;
}

// Midnight starting the day `days` after the calendar day `date` (YYYY-MM-DD) in `zone`.
function dayStart(date: string, days: number, zone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return startOfDayInZone(y, m, d + days, zone);
}
