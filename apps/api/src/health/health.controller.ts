import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';

// Checks what the API needs to answer: the read model and the workflow service.
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(Client) private readonly client: Client,
  ) {}

  @Get()
  @Public('health')
  @ApiOperation({ summary: 'Database and Temporal reachability; 503 when either is down' })
  async check(@Res({ passthrough: true }) res: Response) {
    const [database, temporal] = await Promise.all([
      probe(() => this.ds.query('SELECT 1')),
      probe(() => this.client.connection.workflowService.getSystemInfo({})),
    ]);
    const ok = database.status === 'up' && temporal.status === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'up' : 'down', database, temporal };
  }
}

async function probe(check: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; error?: string }> {
  try {
    await withTimeout(check(), 5_000);
    return { status: 'up' };
  } catch (e) {
    return { status: 'down', error: (e as Error).message };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}
