import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Registry } from 'prom-client';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { Public } from '../auth/auth.decorators';
import { METRICS_REGISTRY } from './metrics-registry';

const digest = (text: string) => createHash('sha256').update(text).digest();

// Prometheus scrapes this. Public (counts only, nothing personal) unless RECTIFY_METRICS_TOKEN
// is set; then only that bearer token is let in. RECTIFY_METRICS_ENABLED=false leaves the route
// out altogether.
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig,
  ) {}

  @Get()
  @Public('metrics')
  @ApiOperation({
    summary: 'Prometheus metrics (rectify_*); a bearer token when RECTIFY_METRICS_TOKEN is set',
  })
  async scrape(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const token = this.config.observability.metrics.token;
    if (token) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(given), digest(token)))
        throw new DomainError('UNAUTHENTICATED', 'send "Authorization: Bearer <RECTIFY_METRICS_TOKEN>"');
    }
    res.setHeader('Content-Type', this.registry.contentType);
    return this.registry.metrics();
  }
}
