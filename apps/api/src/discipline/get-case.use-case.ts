import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { bodyView, caseEventView, caseSummary, decisionView, personView } from './case-view';
import { DisciplineAccess } from './discipline-access';

// The case file: the case, its body, the persons concerned and every decision (corrected and
// overturned ones included), its own events, and the measure's whole timeline with its evidence.
@Injectable()
export class GetCaseUseCase {
  constructor(
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(DisciplineAccess) private readonly access: DisciplineAccess,
  ) {}

  async execute(principal: Principal, id: string) {
    const c = await this.access.visibleCase(principal, id);
    const [body, persons, decisions, events, measure, timeline, evidence] = await Promise.all([
      c.bodyCode ? this.cases.body(c.bodyCode) : null,
      this.cases.persons(c.id),
      this.cases.decisions(c.id),
      this.cases.events(c.id),
      c.measureId ? this.cases.measure(c.measureId) : null,
      c.measureId ? this.cases.measureTimeline(c.measureId) : [],
      c.measureId ? this.cases.evidenceOf(c.measureId) : [],
    ]);
    return {
      ...caseSummary(c),
      body: body ? bodyView(body) : null,
      measure: measure
        ? {
            id: measure.id,
            code: measure.code,
            title: measure.title,
            leadUnitCode: measure.leadUnitCode,
            leadLeader: measure.leadLeader,
            dueAt: measure.dueAt.toISOString(),
            status: measure.status,
          }
        : null,
      persons: persons.map(personView),
      decisions: decisions.map(decisionView),
      events: events.map(caseEventView),
      timeline: timeline.map((e) => ({
        kind: e.kind,
        level: e.level,
        actor: e.actor,
        occurredAt: e.occurredAt.toISOString(),
        detail: e.detail,
      })),
      evidence: evidence.map((e) => ({
        id: e.id,
        name: e.originalName,
        contentType: e.contentType,
        size: e.size,
        sha256: e.sha256,
        uploadedAt: e.uploadedAt.toISOString(),
      })),
    };
  }
}
