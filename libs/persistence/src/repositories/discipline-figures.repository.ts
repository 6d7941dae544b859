// The facts the discipline figures (查处…件…人) and the 问责泛化 report are computed from: cases,
// their persons, and the decisions on them with each person's level and relation. Three queries
// whatever the number of cases, each joining the cases under one filter; plus the aggregate
// figures bodies enter for cases handled outside Rectify.
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, SelectQueryBuilder } from 'typeorm';
import type {
  CadreLevel,
  DecisionFacts,
  DecisionForm,
  DecisionState,
  PersonRelation,
} from '../../../domain/src/accountability';
import type { SeedFigures } from '../../../domain/src/seed-figures';
import {
  AccountabilityCaseEntity,
  CaseDecisionEntity,
  CasePersonEntity,
} from '../entities/accountability-case.entity';
import { EnteredDisciplineFiguresEntity } from '../entities/entered-discipline-figures.entity';
import { serializedTransaction } from '../serialized-write';

// Which cases count, and which of their decisions.
export interface FigureCaseFilter {
  // Cases held at these bodies; undefined: at any body (a plan's cases).
  readonly bodyCodes?: readonly string[];
  readonly planId?: string;
  // Cases opened in [openedFrom, openedBefore).
  readonly openedFrom?: Date;
  readonly openedBefore: Date;
  // Decisions whose decidedOn (YYYY-MM-DD) lies in [decidedFrom, decidedTo].
  readonly decidedFrom?: string;
  readonly decidedTo: string;
}

export interface FigureFacts {
  readonly cases: readonly { readonly id: string; readonly bodyCode: string | null }[];
  readonly persons: readonly { readonly id: string; readonly caseId: string }[];
  readonly decisions: readonly DecisionFacts[];
}

export interface EnteredFilter {
  // Rows of these bodies; undefined: of any body (a plan's rows).
  readonly bodyCodes?: readonly string[];
  // Rows whose period lies within [from, to].
  readonly from?: string;
  readonly to: string;
  // Rows entered for this plan; null: the bodies' own rows, entered for no plan.
  readonly planId: string | null;
}

export interface EnterFigures {
  readonly bodyCode: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly planId: string | null;
  readonly figures: SeedFigures;
  readonly note: string | null;
  readonly enteredBy: string;
}

export class DisciplineFiguresRepository {
  constructor(private readonly ds: DataSource) {}

  async facts(f: FigureCaseFilter): Promise<FigureFacts> {
    const cases: { id: string; bodyCode: string | null }[] = await this.scoped(
      this.ds.getRepository(AccountabilityCaseEntity).createQueryBuilder('c'),
      f,
    )
      .select('c.id', 'id')
      .addSelect('c.body_code', 'bodyCode')
      .orderBy('c.id')
      .getRawMany();
    const persons: { id: string; caseId: string }[] = await this.scoped(
      this.ds
        .getRepository(CasePersonEntity)
        .createQueryBuilder('p')
        .innerJoin(AccountabilityCaseEntity, 'c', 'c.id = p.case_id'),
      f,
    )
      .select('p.id', 'id')
      .addSelect('p.case_id', 'caseId')
      .orderBy('p.id')
      .getRawMany();
    const decided = this.scoped(
      this.ds
        .getRepository(CaseDecisionEntity)
        .createQueryBuilder('d')
        .innerJoin(AccountabilityCaseEntity, 'c', 'c.id = d.case_id')
        .innerJoin(CasePersonEntity, 'p', 'p.id = d.person_id'),
      f,
    ).andWhere('d.decided_on <= :decidedTo', { decidedTo: f.decidedTo });
    if (f.decidedFrom) decided.andWhere('d.decided_on >= :decidedFrom', { decidedFrom: f.decidedFrom });
    const decisions: {
      caseId: string;
      personId: string;
      cadreLevel: CadreLevel;
      relation: PersonRelation;
      form: DecisionForm;
      state: DecisionState;
    }[] = await decided
      .select('d.case_id', 'caseId')
      .addSelect('d.person_id', 'personId')
      .addSelect('p.cadre_level', 'cadreLevel')
      .addSelect('p.relation', 'relation')
      .addSelect('d.form', 'form')
      .addSelect('d.state', 'state')
      .orderBy('d.id')
      .getRawMany();
    return { cases, persons, decisions };
  }

  // The case filter on alias `c`.
  private scoped<T extends object>(qb: SelectQueryBuilder<T>, f: FigureCaseFilter): SelectQueryBuilder<T> {
    qb.where('c.opened_at < :openedBefore', { openedBefore: f.openedBefore });
    if (f.openedFrom) qb.andWhere('c.opened_at >= :openedFrom', { openedFrom: f.openedFrom });
    if (f.planId) qb.andWhere('c.plan_id = :planId', { planId: f.planId });
    if (f.bodyCodes) {
      if (!f.bodyCodes.length) qb.andWhere('1 = 0');
      else qb.andWhere('c.body_code IN (:...bodyCodes)', { bodyCodes: [...f.bodyCodes] });
    }
    return qb;
  }

  async entered(f: EnteredFilter): Promise<EnteredDisciplineFiguresEntity[]> {
    if (f.bodyCodes && !f.bodyCodes.length) return [];
    const qb = this.ds
      .getRepository(EnteredDisciplineFiguresEntity)
      .createQueryBuilder('e')
      .where('e.period_to <= :to', { to: f.to });
    if (f.bodyCodes) qb.andWhere('e.body_code IN (:...bodyCodes)', { bodyCodes: [...f.bodyCodes] });
    if (f.from) qb.andWhere('e.period_from >= :from', { from: f.from });
    if (f.planId) qb.andWhere('e.plan_id = :planId', { planId: f.planId });
    else qb.andWhere('e.plan_id IS NULL');
    return qb.orderBy('e.body_code').addOrderBy('e.period_from').addOrderBy('e.period_to').getMany();
  }

  // One row per body, period and plan: entering again replaces it.
  async enter(
    e: EnterFigures,
  ): Promise<{ row: EnteredDisciplineFiguresEntity; previous: EnteredDisciplineFiguresEntity | null }> {
    return serializedTransaction(this.ds, 'entered-discipline-figures', async (em) => {
      const existing = await em.findOneBy(EnteredDisciplineFiguresEntity, {
        bodyCode: e.bodyCode,
        periodFrom: e.periodFrom,
        periodTo: e.periodTo,
        planId: e.planId ?? IsNull(),
      });
      const row: EnteredDisciplineFiguresEntity = {
        id: existing?.id ?? randomUUID(),
        bodyCode: e.bodyCode,
        periodFrom: e.periodFrom,
        periodTo: e.periodTo,
        planId: e.planId,
        ...e.figures,
        note: e.note,
        enteredBy: e.enteredBy,
        enteredAt: new Date(),
      };
      await em.save(EnteredDisciplineFiguresEntity, row);
      return { row, previous: existing };
    });
  }
}
