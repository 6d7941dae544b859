import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ReadinessIndicators } from './readiness.indicators';

@Module({ imports: [TerminusModule], controllers: [HealthController], providers: [ReadinessIndicators] })
export class HealthModule {}
