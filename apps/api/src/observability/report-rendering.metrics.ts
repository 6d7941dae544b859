import { Counter, Registry } from 'prom-client';
import type { RenderingShared } from '../../../../libs/reporting/src/shared-renderings';

export const RENDERED_REPORTS = ['ledger', 'bulletin'] as const;
export type RenderedReport = (typeof RENDERED_REPORTS)[number];

// Whole-plan renderings and the requests they answered: requests over renderings is how much the
// gathering of requests for the same rendering saved (RECTIFY_REPORT_GATHER).
export class ReportRenderingMetrics {
  private readonly renderings: Counter<'report'>;
  private readonly requests: Counter<'report'>;
  private readonly keptAnswers: Counter<'report'>;

  constructor(registry: Registry) {
    this.renderings = new Counter({
      name: 'rectify_report_renderings_total',
      help: 'Ledger and bulletin renderings started (each reads the whole plan)',
      labelNames: ['report'],
      registers: [registry],
    });
    this.requests = new Counter({
      name: 'rectify_report_rendering_requests_total',
      help: 'Requests answered by those renderings; more than the renderings when requests shared one',
      labelNames: ['report'],
      registers: [registry],
    });
    this.keptAnswers = new Counter({
      name: 'rectify_report_renderings_kept_total',
      help: 'Ledger renderings that found what they show unchanged since the last and answered its kept file instead of writing it again',
      labelNames: ['report'],
      registers: [registry],
    });
    for (const report of RENDERED_REPORTS) {
      this.renderings.inc({ report }, 0);
      this.requests.inc({ report }, 0);
    }
    // Only ledgers are kept (RECTIFY_REPORT_KEEP): a bulletin is written in a fraction of its reading.
    this.keptAnswers.inc({ report: 'ledger' }, 0);
  }

  rendering(report: RenderedReport): (shared: RenderingShared) => void {
    return ({ requests }) => {
      this.renderings.inc({ report });
      this.requests.inc({ report }, requests);
    };
  }

  kept(report: 'ledger'): (kept: boolean) => void {
    return (kept) => {
      if (kept) this.keptAnswers.inc({ report });
    };
  }
}
