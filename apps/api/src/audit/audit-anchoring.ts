import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { AuditAnchorWriter } from './audit-anchor-writer';

// Anchors the chain's head on a schedule (RECTIFY_AUDIT_ANCHOR_INTERVAL) and once more at
// shutdown, so that what was appended last before a stop is anchored too.
@Injectable()
export class AuditAnchoring implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    @Inject(AuditAnchorWriter) private readonly writer: AuditAnchorWriter,
    @Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.anchor(), this.config.audit.anchorIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.anchor();
  }

  // One at a time: a slow webhook must not let two ticks sign the same head.
  private anchor(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        const { anchor, webhookError } = await this.writer.anchorNow();
        if (webhookError) this.logger.error(`audit anchor ${anchor?.seq}: ${webhookError}`);
      } catch (e) {
        this.logger.error(`could not anchor the audit log: ${(e as Error).message}`);
      }
    });
    return this.running;
  }
}
