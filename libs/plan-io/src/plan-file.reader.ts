// A plan file of any supported format → a validated plan, or every problem with where it is.
// Used by the API (POST /plans) and the CLI (validate, import), so both say the same thing.
import type { ErrorCode } from '../../domain/src/domain-error';
import { chineseDeadlineReadings, type DeadlineReadingEntry } from '../../domain/src/plan-deadline-readings';
import { deadlineWarnings } from '../../domain/src/plan-deadline-warnings';
import { validatePlanDefinition, type PlanDefinition } from '../../domain/src/plan-definition';
import { locate, type LocatedProblem } from './located-problem';
import { MAX_PLAN_FILE_BYTES, MAX_YAML_PLAN_FILE_BYTES, type PlanFileFormat } from './plan-file-format';
import { readPlanText } from './text-plan.parser';
import { readPlanWorkbook } from './xlsx-plan.reader';

export interface LocatedDeadlineReading extends DeadlineReadingEntry {
  readonly location?: string;
}

export type PlanFileReading =
  | {
      readonly ok: true;
      readonly plan: PlanDefinition;
      // How each Chinese deadline ("9月底前") was read, for the dry run and `validate` to show.
      readonly deadlines: readonly LocatedDeadlineReading[];
      readonly warnings: readonly LocatedProblem[];
    }
  | {
      readonly ok: false;
      // The last two from reading in a thread with limits (isolated-plan-file.reader.ts).
      readonly code: Extract<
        ErrorCode,
        'VALIDATION_FAILED' | 'PAYLOAD_TOO_LARGE' | 'PLAN_FILE_TOO_COMPLEX' | 'PLAN_FILE_TIMEOUT'
      >;
      readonly problems: readonly LocatedProblem[];
      readonly warnings: readonly LocatedProblem[];
    };

export function tooLarge(bytes: number): PlanFileReading {
  return {
    ok: false,
    code: 'PAYLOAD_TOO_LARGE',
    problems: [
      {
        path: '(file)',
        message: `the plan file is ${megabytes(bytes)}; plan files may be at most ${megabytes(MAX_PLAN_FILE_BYTES)}`,
      },
    ],
    warnings: [],
  };
}

// The size is checked before anything is parsed.
export async function readPlanFile(bytes: Uint8Array, format: PlanFileFormat): Promise<PlanFileReading> {
  if (bytes.byteLength > MAX_PLAN_FILE_BYTES) return tooLarge(bytes.byteLength);
  if (format === 'xlsx') {
    const wb = await readPlanWorkbook(bytes);
    if ('tooLarge' in wb)
      return { ok: false, code: 'PAYLOAD_TOO_LARGE', problems: [wb.tooLarge], warnings: [] };
    if ('fatal' in wb) return refused([wb.fatal], []);
    const at = (p: string) => wb.locations.get(p);
    return checked(wb.document, (p) => locate(p, at), wb.problems, wb.warnings);
  }
  // The YAML parser keeps a node with source ranges for every value: a smaller bound than the
  // body limit keeps that tree small.
  if (format === 'yaml' && bytes.byteLength > MAX_YAML_PLAN_FILE_BYTES) {
    return {
      ok: false,
      code: 'PAYLOAD_TOO_LARGE',
      problems: [
        {
          path: '(file)',
          message: `the plan file is ${megabytes(bytes.byteLength)}; YAML plan files may be at most ${megabytes(MAX_YAML_PLAN_FILE_BYTES)} (JSON and XLSX ${megabytes(MAX_PLAN_FILE_BYTES)})`,
        },
      ],
      warnings: [],
    };
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const r = readPlanText(text, format);
  if (!r.ok) return refused(r.problems, []);
  return checked(r.value, (p) => locate(p, r.locate), [], []);
}

function checked(
  document: unknown,
  where: (path: string) => string | undefined,
  earlier: readonly LocatedProblem[],
  warnings: readonly LocatedProblem[],
): PlanFileReading {
  const v = validatePlanDefinition(document);
  // A cell refused while reading (a formula) may fail validation as well: say it once.
  const taken = new Set(earlier.map((p) => p.location).filter(Boolean));
  const problems = [
    ...earlier,
    ...(v.ok ? [] : v.problems)
      .map((p) => withLocation(p, where(p.path)))
      .filter((p) => !(p.location && taken.has(p.location))),
  ];
  if (!v.ok || problems.length) return refused(problems, warnings);
  const deadlines = chineseDeadlineReadings(v.plan).map((d) => withLocation(d, where(d.path)));
  const dated = deadlineWarnings(v.plan).map((w) => withLocation(w, where(w.path)));
  return { ok: true, plan: v.plan, deadlines, warnings: [...warnings, ...dated] };
}

// --strict (CLI) and strict=true (API): every warning refuses the file, as a problem would.
export function strictReading(r: PlanFileReading): PlanFileReading {
  if (!r.ok || !r.warnings.length) return r;
  return refused(
    r.warnings.map((w) => ({ ...w, message: `${w.message} (refused: strict checking)` })),
    [],
  );
}

function withLocation<T extends { path: string }>(
  p: T,
  location: string | undefined,
): T & { location?: string } {
  return location ? { ...p, location } : p;
}

function refused(problems: readonly LocatedProblem[], warnings: readonly LocatedProblem[]): PlanFileReading {
  return { ok: false, code: 'VALIDATION_FAILED', problems, warnings };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
