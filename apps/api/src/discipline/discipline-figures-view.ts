import type { DecisionFacts } from '../../../../libs/domain/src/accountability';
import { SEED_FIGURE_KEYS, type SeedFigures } from '../../../../libs/domain/src/seed-figures';
import type { DisciplineBodyEntity } from '../../../../libs/persistence/src/entities/discipline-body.entity';
import type { EnteredDisciplineFiguresEntity } from '../../../../libs/persistence/src/entities/entered-discipline-figures.entity';
import type { FigureFacts } from '../../../../libs/persistence/src/repositories/discipline-figures.repository';

export function bodyRef(b: DisciplineBodyEntity) {
  return { code: b.code, name: b.name, kind: b.kind, level: b.level, parent: b.parentCode };
}

export function enteredFigures(row: EnteredDisciplineFiguresEntity): SeedFigures {
  return Object.fromEntries(SEED_FIGURE_KEYS.map((k) => [k, row[k]])) as SeedFigures;
}

// Entered figures say so, and who entered them when.
export function enteredView(row: EnteredDisciplineFiguresEntity) {
  return {
    source: 'entered' as const,
    id: row.id,
    bodyCode: row.bodyCode,
    from: row.periodFrom,
    to: row.periodTo,
    planId: row.planId,
    figures: enteredFigures(row),
    note: row.note,
    enteredBy: row.enteredBy,
    enteredAt: row.enteredAt.toISOString(),
  };
}

// The facts of the cases held at one body.
export function factsAt(facts: FigureFacts, bodyCode: string) {
  const cases = facts.cases.filter((c) => c.bodyCode === bodyCode).map((c) => c.id);
  const ids = new Set(cases);
  return {
    cases,
    persons: facts.persons.filter((p) => ids.has(p.caseId)).map((p) => p.id),
    decisions: facts.decisions.filter((d: DecisionFacts) => ids.has(d.caseId)),
  };
}
