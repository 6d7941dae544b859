import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../config/src/rectify-config';
import { InspectionEntity } from './entities/inspection.entity';
import { MeasureEventEntity } from './entities/measure-event.entity';
import { MeasureUnitEntity } from './entities/measure-unit.entity';
import { MeasureEntity } from './entities/measure.entity';
import { NotificationRequestEntity } from './entities/notification-request.entity';
import { PlanEntity } from './entities/plan.entity';
import { ProblemGroupEntity } from './entities/problem-group.entity';
import { ProblemEntity } from './entities/problem.entity';
import { UnitEntity } from './entities/unit.entity';
import { InitialSchema1795803572000 } from './migrations/1795803572000-initial-schema.migration';
import { ApiTokenEntity } from './entities/api-token.entity';
import { AuditLogEntity } from './entities/audit-log.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import { FeedbackEntity } from './entities/feedback.entity';
import { LoginThrottleEntity } from './entities/login-throttle.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { AuthAuditFeedback1795810000000 } from './migrations/1795810000000-auth-audit-feedback.migration';
import { PlanIo1795820000000 } from './migrations/1795820000000-plan-io.migration';
import { PlanClosure1795830000000 } from './migrations/1795830000000-plan-closure.migration';
import { MeasureEventSequence1795840000000 } from './migrations/1795840000000-measure-event-sequence.migration';
import { PeopleAndDeliveries1795850000000 } from './migrations/1795850000000-people-and-deliveries.migration';
import { NotificationDeliveryEntity } from './entities/notification-delivery.entity';
import { PersonChannelEntity } from './entities/person-channel.entity';
import { PersonEntity } from './entities/person.entity';
import { PostEntity } from './entities/post.entity';
import { CalendarEntity } from './entities/calendar.entity';
import { WorkingCalendars1795860000000 } from './migrations/1795860000000-working-calendars.migration';
import { CadenceEventEntity } from './entities/cadence-event.entity';
import { ReportingCadence1795870000000 } from './migrations/1795870000000-reporting-cadence.migration';
import { SpotFindingEntity } from './entities/spot-finding.entity';
import { SpotRoundEntity } from './entities/spot-round.entity';
import { SpotInspections1795890000000 } from './migrations/1795890000000-spot-inspections.migration';
import { AccountabilityCases1795880000000 } from './migrations/1795880000000-accountability-cases.migration';
import {
  AccountabilityCaseEntity,
  CaseDecisionEntity,
  CaseEventEntity,
  CasePersonEntity,
} from './entities/accountability-case.entity';
import { DisciplineBodyEntity, DisciplineBodyMemberEntity } from './entities/discipline-body.entity';
import { RateLimits1795910000000 } from './migrations/1795910000000-rate-limits.migration';
import { TokenLineage1795920000000 } from './migrations/1795920000000-token-lineage.migration';
import { SetupToken1795921000000 } from './migrations/1795921000000-setup-token.migration';
import { SetupTokenEntity } from './entities/setup-token.entity';
import { PlanPublication1795930000000 } from './migrations/1795930000000-plan-publication.migration';
import { AuditKeys1795940000000 } from './migrations/1795940000000-audit-keys.migration';
import { MeasureBoardIndexes1795951200000 } from './migrations/1795951200000-measure-board-indexes.migration';
import { MeasureLight1795961000000 } from './migrations/1795961000000-measure-light.migration';
import { EnteredDisciplineFiguresEntity } from './entities/entered-discipline-figures.entity';
import { EnteredDisciplineFigures1795905000000 } from './migrations/1795905000000-entered-discipline-figures.migration';
import { LeadEventEntity, ProblemLeadEntity } from './entities/problem-lead.entity';
import { ProblemLeads1795900000000 } from './migrations/1795900000000-problem-leads.migration';
import {
  InstructionAnswerEntity,
  InstructionEventEntity,
  LeaderInstructionEntity,
} from './entities/leader-instruction.entity';
import { MeasureAcknowledgement1795960000000 } from './migrations/1795960000000-measure-acknowledgement.migration';
import { LeaderInstructions1795962000000 } from './migrations/1795962000000-leader-instructions.migration';
import { AssessmentPublicationEntity, AssessmentRuleEntity } from './entities/unit-assessment.entity';
import { UnitAssessment1795963000000 } from './migrations/1795963000000-unit-assessment.migration';
import { MeasureDueAssumed1795973000000 } from './migrations/1795973000000-measure-due-assumed.migration';
import { InstructionEvents1795962100000 } from './migrations/1795962100000-instruction-events.migration';
import { PlanSources1795972000000 } from './migrations/1795972000000-plan-sources.migration';
import { PlanVersionEntity } from './entities/plan-version.entity';
import { PlanVersions1795971000000 } from './migrations/1795971000000-plan-versions.migration';
import { PlanDraftEntity } from './entities/plan-draft.entity';
import { PlanDrafts1795974000000 } from './migrations/1795974000000-plan-drafts.migration';
import { MeasureDeskIndexes1795975000000 } from './migrations/1795975000000-measure-desk-indexes.migration';
import { MeasureUnitStatus1795976000000 } from './migrations/1795976000000-measure-unit-status.migration';
import { MeasurePlanOrderIndex1795977000000 } from './migrations/1795977000000-measure-plan-order-index.migration';
import { MeasureEventKindIndex1795978000000 } from './migrations/1795978000000-measure-event-kind-index.migration';
import { DirectoryRevision1795979000000 } from './migrations/1795979000000-directory-revision.migration';
import { MeasureUnitDeadline1795980000000 } from './migrations/1795980000000-measure-unit-deadline.migration';

export const ENTITIES = [
  InspectionEntity,
  PlanEntity,
  UnitEntity,
  ProblemGroupEntity,
  ProblemEntity,
  MeasureEntity,
  MeasureUnitEntity,
  MeasureEventEntity,
  NotificationRequestEntity,
  UserEntity,
  RefreshTokenEntity,
  ApiTokenEntity,
  LoginThrottleEntity,
  AuditLogEntity,
  FeedbackEntity,
  EvidenceEntity,
  PersonEntity,
  PostEntity,
  PersonChannelEntity,
  NotificationDeliveryEntity,
  CalendarEntity,
  CadenceEventEntity,
  SpotRoundEntity,
  SpotFindingEntity,
  DisciplineBodyEntity,
  DisciplineBodyMemberEntity,
  AccountabilityCaseEntity,
  CasePersonEntity,
  CaseDecisionEntity,
  CaseEventEntity,
  EnteredDisciplineFiguresEntity,
  ProblemLeadEntity,
  LeadEventEntity,
  SetupTokenEntity,
  LeaderInstructionEntity,
  InstructionAnswerEntity,
  AssessmentRuleEntity,
  AssessmentPublicationEntity,
  InstructionEventEntity,
  PlanVersionEntity,
  PlanDraftEntity,
];

export const MIGRATIONS = [
  InitialSchema1795803572000,
  AuthAuditFeedback1795810000000,
  PlanIo1795820000000,
  PlanClosure1795830000000,
  MeasureEventSequence1795840000000,
  PeopleAndDeliveries1795850000000,
  WorkingCalendars1795860000000,
  ReportingCadence1795870000000,
  AccountabilityCases1795880000000,
  SpotInspections1795890000000,
  ProblemLeads1795900000000,
  EnteredDisciplineFigures1795905000000,
  RateLimits1795910000000,
  TokenLineage1795920000000,
  SetupToken1795921000000,
  PlanPublication1795930000000,
  AuditKeys1795940000000,
  MeasureBoardIndexes1795951200000,
  MeasureAcknowledgement1795960000000,
  MeasureLight1795961000000,
  LeaderInstructions1795962000000,
  InstructionEvents1795962100000,
  UnitAssessment1795963000000,
  PlanVersions1795971000000,
  PlanSources1795972000000,
  MeasureDueAssumed1795973000000,
  PlanDrafts1795974000000,
  MeasureDeskIndexes1795975000000,
  MeasureUnitStatus1795976000000,
  MeasurePlanOrderIndex1795977000000,
  MeasureEventKindIndex1795978000000,
  DirectoryRevision1795979000000,
  MeasureUnitDeadline1795980000000,
];

// SQLite's page cache per connection, in KiB (its default is 2,000). A filtered board page of a
// 50,000-measure plan reads a few thousand measure rows scattered over a file of 140 MB: with the
// default each read went back to the operating system for most pages (32 ms for the page's two
// queries, against 13.5-16 ms with this cache; BENCHMARKS.md). Pages are cached as they are read,
// so a small database costs only its own size.
export const SQLITE_CACHE_KIB = 65_536;

// Schema changes only through migrations: `synchronize` stays off everywhere.
export function createDataSource(db: DatabaseConfig): DataSource {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    logging: db.logging,
  } as const;
  if (db.kind === 'postgres') {
    return new DataSource({ ...common, type: 'postgres', url: db.url, extra: { max: 10 } });
  }
  fs.mkdirSync(path.dirname(db.file), { recursive: true });
  // API and worker share the file: WAL lets readers run beside the writer, and the busy timeout
  // makes a writer wait for the other process instead of failing.
  return new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: db.file,
    enableWAL: true,
    timeout: 10_000,
    prepareDatabase: (sqlite: { pragma(s: string): unknown }) => {
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
    },
  });
}

export async function runMigrations(ds: DataSource): Promise<string[]> {
  const ran = await ds.runMigrations({ transaction: 'each' });
  return ran.map((m) => m.name);
}
