import { Module } from '@nestjs/common';
import { GetPlanUseCase } from './get-plan.use-case';
import { ImportPlanUseCase } from './import-plan.use-case';
import { ListPlansUseCase } from './list-plans.use-case';
import { PlansController } from './plans.controller';

@Module({ controllers: [PlansController], providers: [ImportPlanUseCase, GetPlanUseCase, ListPlansUseCase] })
export class PlansModule {}
