import { randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import type { NoticeKind } from '../../../domain/src/spot-inspection';
import { MeasureEntity } from '../entities/measure.entity';
import { PlanEntity } from '../entities/plan.entity';
import { ProblemEntity } from '../entities/problem.entity';
import { SpotFindingEntity, SpotNoticeRecord } from '../entities/spot-finding.entity';
import { SpotRoundEntity } from '../entities/spot-round.entity';
import { UnitEntity } from '../entities/unit.entity';
import { serializedWrite } from '../serialized-write';

export type NewSpotFinding = Omit<SpotFindingEntity, 'id' | 'code' | 'noticeKind' | 'notice' | 'measureCode'>;

// The measure a notice started, as the read model has it.
export type NoticeMeasureRow = Pick<MeasureEntity, 'id' | 'code' | 'status' | 'dueAt' | 'overdueLevel'>;

// Spot-inspection rounds and their findings; the measures their notices started live in the
// round's own plan (plan code = round code).
export class SpotInspectionRepository {
  constructor(private readonly ds: DataSource) {}

  // Rounds are saved one at a time (across API replicas too, on PostgreSQL): `build` sees the places
  // every earlier round visits, so two rounds drawn at once cannot both take a place their rule
  // keeps for one. Null when the code is taken.
  saveRound(build: (visitedBefore: string[]) => SpotRoundEntity): Promise<SpotRoundEntity | null> {
    return serializedWrite(this.ds, 'spot-rounds', async (em) => {
      const repo = em.getRepository(SpotRoundEntity);
      const rounds = await repo.find({ select: { groups: true } });
      const round = build([...new Set(rounds.flatMap((r) => r.groups.flatMap((g) => g.places)))].sort());
      if (await repo.existsBy({ code: round.code })) return null;
      await repo.insert(round);
      return round;
    });
  }

  findRound(code: string): Promise<SpotRoundEntity | null> {
    return this.ds.getRepository(SpotRoundEntity).findOneBy({ code });
  }

  listRounds(): Promise<SpotRoundEntity[]> {
    return this.ds.getRepository(SpotRoundEntity).find({ order: { startsOn: 'ASC', code: 'ASC' } });
  }

  findings(roundId: string): Promise<SpotFindingEntity[]> {
    return this.ds.getRepository(SpotFindingEntity).find({ where: { roundId }, order: { code: 'ASC' } });
  }

  findFinding(roundId: string, id: string): Promise<SpotFindingEntity | null> {
    return this.ds.getRepository(SpotFindingEntity).findOneBy({ roundId, id });
  }

  // The finding gets the round's next code (F01, F02…): findings of one round are written one at a
  // time (across API replicas too, on PostgreSQL), so two added at once get codes of their own.
  addFinding(f: NewSpotFinding): Promise<SpotFindingEntity> {
    return serializedWrite(this.ds, `spot-findings:${f.roundId}`, async (em) => {
      const repo = em.getRepository(SpotFindingEntity);
      const count = await repo.countBy({ roundId: f.roundId });
      const row: SpotFindingEntity = {
        ...f,
        id: randomUUID(),
        code: `F${String(count + 1).padStart(2, '0')}`,
        noticeKind: null,
        notice: null,
        measureCode: null,
      };
      await repo.insert(row);
      return row;
    });
  }

  // Records the notice on a finding that has none yet; false when it already had one.
  async recordNotice(
    findingId: string,
    kind: NoticeKind,
    notice: SpotNoticeRecord,
    measureCode: string,
  ): Promise<boolean> {
    const r = await this.ds
      .getRepository(SpotFindingEntity)
      .update({ id: findingId, noticeKind: IsNull() }, { noticeKind: kind, notice, measureCode } as never);
    return (r.affected ?? 0) === 1;
  }

  async problemExists(planCode: string, problemCode: string): Promise<boolean> {
    const plan = await this.ds.getRepository(PlanEntity).findOneBy({ code: planCode });
    if (!plan) return false;
    return this.ds.getRepository(ProblemEntity).existsBy({ planId: plan.id, code: problemCode });
  }

  // A plan's unit tree, for a round whose places come from it; null when there is no such plan.
  async planUnits(planCode: string): Promise<UnitEntity[] | null> {
    const plan = await this.ds.getRepository(PlanEntity).findOneBy({ code: planCode });
    if (!plan) return null;
    return this.ds.getRepository(UnitEntity).find({ where: { planId: plan.id }, order: { code: 'ASC' } });
  }

  planExists(planCode: string): Promise<boolean> {
    return this.ds.getRepository(PlanEntity).existsBy({ code: planCode });
  }

  // The measures of the round's plan, by code; empty before its first notice.
  async noticeMeasures(roundCode: string): Promise<Map<string, NoticeMeasureRow>> {
    const plan = await this.ds.getRepository(PlanEntity).findOneBy({ code: roundCode });
    if (!plan) return new Map();
    const rows = await this.ds.getRepository(MeasureEntity).find({
      where: { planId: plan.id, parentMeasureId: IsNull() },
      select: { id: true, code: true, status: true, dueAt: true, overdueLevel: true },
    });
    return new Map(rows.map((m) => [m.code, m]));
  }

  // What the bulletin's figures are counted from: every round's start, every finding with its notice.
  async bulletinFacts(): Promise<{
    rounds: { startsOn: string }[];
    findings: Pick<SpotFindingEntity, 'foundOn' | 'noticeKind' | 'notice'>[];
  }> {
    const [rounds, findings] = await Promise.all([
      this.ds.getRepository(SpotRoundEntity).find({ select: { startsOn: true } }),
      this.ds
        .getRepository(SpotFindingEntity)
        .find({ select: { foundOn: true, noticeKind: true, notice: true } }),
    ]);
    return { rounds, findings };
  }
}
