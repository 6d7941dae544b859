import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { ReadinessIndicators } from './readiness.indicators';

// Liveness: the process answers (restart it if not). Readiness: it can do its work (send it
// traffic if so). `/health` stays the readiness answer for existing callers.
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessIndicators,
  ) {}

  @Get('live')
  @Public('health')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers; nothing else is checked' })
  live() {
    return this.health.check([() => this.indicators.check('process').up({ pid: process.pid })]);
  }

  @Get('ready')
  @Public('health')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: database, Temporal namespace, workflow tasks not failing, evidence directory writable with free space; 503 naming what is down',
  })
  ready(@Res({ passthrough: true }) res: Response) {
    return answer(res, this.health, this.readiness.all());
  }

  @Get()
  @Public('health')
  @HealthCheck()
  @ApiOperation({ summary: 'The readiness answer (GET /health/ready), for existing callers' })
  check(@Res({ passthrough: true }) res: Response) {
    return answer(res, this.health, this.readiness.all());
  }
}

// Terminus throws a 503 whose body names every check; sent as it is, not reshaped by the error
// filter into an error code.
async function answer(res: Response, health: HealthCheckService, checks: HealthIndicatorFunction[]) {
  try {
    return await health.check(checks);
  } catch (e) {
    if (!(e instanceof ServiceUnavailableException)) throw e;
    res.status(e.getStatus());
    return e.getResponse();
  }
}
