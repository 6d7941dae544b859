import { DynamicModule, Module } from '@nestjs/common';
import { RectifyConfigModule } from '../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { TemporalClientModule } from '../../../libs/temporal/src/temporal-client.module';
import { AssessmentModule } from './assessment/assessment.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CadenceModule } from './cadence/cadence.module';
import { CalendarsModule } from './calendars/calendars.module';
import { CodecModule } from './codec/codec.module';
import { DisciplineModule } from './discipline/discipline.module';
import { EscalationModule } from './escalation/escalation.module';
import { EvidenceModule } from './evidence/evidence.module';
import { FeedbackModule } from './feedback/feedback.module';
import { HealthModule } from './health/health.module';
import { InstructionsModule } from './instructions/instructions.module';
import { MeasuresModule } from './measures/measures.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ObservabilityModule, ObservabilityOptions } from './observability/observability.module';
import { OverviewModule } from './overview/overview.module';
import { PlansModule } from './plans/plans.module';
import { ReportsModule } from './reports/reports.module';
import { SpotInspectionsModule } from './spot-inspections/spot-inspections.module';

@Module({})
export class AppModule {
  static register(config: RectifyConfig, observability: ObservabilityOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RectifyConfigModule.forRoot(config),
        PersistenceModule,
        TemporalClientModule,
        PlansModule,
        MeasuresModule,
        EscalationModule,
        HealthModule,
        AuditModule,
        AuthModule,
        FeedbackModule,
        EvidenceModule,
        ReportsModule,
        NotificationsModule,
        CalendarsModule,
        CadenceModule,
        SpotInspectionsModule,
        InstructionsModule,
        DisciplineModule,
        CodecModule,
        OverviewModule,
        AssessmentModule,
        ObservabilityModule.forRoot(config, observability),
      ],
    };
  }
}
