// How rounds and findings are shown: one shape for every route that returns them.
import { NOTICE_KIND_NAMES, noticeState } from '../../../../libs/domain/src/spot-inspection';
import type { SpotFindingEntity } from '../../../../libs/persistence/src/entities/spot-finding.entity';
import type { SpotRoundEntity } from '../../../../libs/persistence/src/entities/spot-round.entity';
import type { NoticeMeasureRow } from '../../../../libs/persistence/src/repositories/spot-inspection.repository';

export function findingView(f: SpotFindingEntity, measure: NoticeMeasureRow | null, now: Date) {
  return {
    id: f.id,
    code: f.code,
    group: f.groupCode,
    place: f.unitCode,
    description: f.description,
    foundOn: f.foundOn,
    link: f.linkedPlanCode ? { planCode: f.linkedPlanCode, problemCode: f.linkedProblemCode } : null,
    notice:
      f.noticeKind && f.notice
        ? {
            kind: f.noticeKind,
            name: NOTICE_KIND_NAMES[f.noticeKind],
            ...f.notice,
            measureCode: f.measureCode,
            measure: measure && {
              id: measure.id,
              code: measure.code,
              status: measure.status,
              dueAt: measure.dueAt.toISOString(),
              overdueLevel: measure.overdueLevel,
              state: noticeState(measure.status, measure.dueAt, now),
            },
          }
        : null,
    createdBy: f.createdBy,
    createdAt: f.createdAt.toISOString(),
  };
}

export function roundSummary(r: SpotRoundEntity) {
  return {
    code: r.code,
    title: r.title,
    organiser: r.organiser,
    inspectedOrganisation: r.inspectedOrganisation,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    timeZone: r.timeZone,
    // The round's notices are measures of this plan (GET /plans/:code).
    planCode: r.code,
    sampled: r.samplingRule !== null,
  };
}
