import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { Observable, tap } from 'rxjs';

export const PLAN_IMPORT_OUTCOMES = ['created', 'updated', 'unchanged', 'dry_run', 'refused'] as const;
type Outcome = (typeof PLAN_IMPORT_OUTCOMES)[number];

export class PlanImportMetrics {
  private readonly imports: Counter<'outcome'>;

  constructor(registry: Registry) {
    this.imports = new Counter({
      name: 'rectify_plan_imports_total',
      help: 'Plan imports by outcome (refused: the import was answered with an error)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    for (const outcome of PLAN_IMPORT_OUTCOMES) this.imports.inc({ outcome }, 0);
  }

  imported(outcome: Outcome): void {
    this.imports.inc({ outcome });
  }
}

// On the import route: counts each import by the outcome it answered, or as refused.
@Injectable()
export class CountPlanImports implements NestInterceptor {
  constructor(@Inject(PlanImportMetrics) private readonly metrics: PlanImportMetrics) {}

  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap({
        next: (result) => {
          const outcome = (result as { outcome?: Outcome } | null)?.outcome;
          if (outcome && PLAN_IMPORT_OUTCOMES.includes(outcome)) this.metrics.imported(outcome);
        },
        error: () => this.metrics.imported('refused'),
      }),
    );
  }
}
