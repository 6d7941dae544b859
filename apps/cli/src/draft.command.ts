// 起草: a plan drafted from a document the office already has, through the API (POST /plans/drafts).
// The summary says what to look at; the plan JSON (--out) is edited and imported with `import`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  DeclaredTotal,
  DeclaredTotals,
  DraftFieldSource,
  DraftWarning,
} from '../../../libs/plan-io/src/draft/plan-draft';
import { MAX_PLAN_FILE_BYTES } from '../../../libs/plan-io/src/plan-file-format';
import { documentFormatOf } from '../../../libs/plan-io/src/draft/document-text.reader';
import { DOCUMENT_CONTENT_TYPES } from '../../api/src/plans/drafts/document-content-types';
import { CONSOLE, type CliIo } from './cli-io';
import { api, refused, type ApiOptions, type ErrorAnswer } from './plan-commands';

export interface DraftOptions extends ApiOptions {
  readonly planCode?: string;
  readonly planTitle?: string;
  readonly out?: string;
}

// The parts of the API's answer the summary uses.
interface DraftAnswer {
  readonly id: string;
  readonly plan: PlanShape;
  readonly fields: readonly DraftFieldSource[];
  readonly warnings: readonly DraftWarning[];
  readonly declared: DeclaredTotals;
  readonly proposedUnits: readonly string[];
  readonly doubtful: readonly DraftFieldSource[];
  readonly problems: readonly { path: string; message: string }[];
  readonly targetPlanCode: string | null;
}

interface PlanShape {
  readonly plan?: { readonly code?: string; readonly title?: string };
  readonly categories?: readonly {
    readonly aspects?: readonly {
      readonly problems?: readonly { readonly measures?: readonly unknown[] }[];
    }[];
  }[];
}

export async function draftCommand(file: string, o: DraftOptions, io: CliIo = CONSOLE): Promise<number> {
  const format = documentFormatOf(undefined, file);
  if (!format) {
    io.err(`${file}: documents to draft from end in .txt, .docx or .pdf`);
    return 1;
  }
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    io.err(`cannot read ${file}`);
    return 1;
  }
  if (size > MAX_PLAN_FILE_BYTES) {
    io.err(`${file}: the document is over ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB`);
    return 1;
  }
  const query = new URLSearchParams({ fileName: path.basename(file) });
  if (o.planCode) query.set('planCode', o.planCode);
  if (o.planTitle) query.set('planTitle', o.planTitle);
  const res = await api(o, 'POST', `/plans/drafts?${query}`, {
    body: fs.readFileSync(file),
    contentType: DOCUMENT_CONTENT_TYPES[format],
    accept: 'application/json',
  });
  const body: unknown = await res.json();
  if (!res.ok) return refused(file, res.status, body as ErrorAnswer, io);
  const d = body as DraftAnswer;
  for (const w of d.warnings)
    io.err(`warning: ${file}${w.paragraph !== undefined ? `: paragraph ${w.paragraph}` : ''}: ${w.message}`);
  for (const line of summaryLines(d)) io.out(line);
  if (o.out) {
    fs.writeFileSync(o.out, `${JSON.stringify(d.plan, null, 2)}\n`);
    io.out(`plan written to ${o.out}: edit the doubtful fields, then \`rectify import ${o.out}\``);
  }
  return 0;
}

export function summaryLines(d: DraftAnswer): string[] {
  const categories = d.plan.categories ?? [];
  const aspects = categories.flatMap((c) => c.aspects ?? []);
  const problems = aspects.flatMap((a) => a.problems ?? []);
  const measures = problems.flatMap((p) => p.measures ?? []);
  const missing = d.doubtful.filter((f) => f.confidence === 'missing').length;
  const lines = [
    `draft ${d.id}: plan ${d.plan.plan?.code ?? '?'} ${d.plan.plan?.title ?? ''}`.trimEnd(),
    `  tree: ${categories.length} categories, ${aspects.length} aspects, ${problems.length} problems, ${measures.length} measures`,
  ];
  const named: [string, DeclaredTotal | undefined][] = [
    ['categories', d.declared.categories],
    ['aspects', d.declared.aspects],
    ['problems', d.declared.problems],
    ['measures', d.declared.measures],
    ...Object.entries(d.declared.tracks ?? {}).map(([track, t]): [string, DeclaredTotal | undefined] => [
      `${track} problems`,
      t,
    ]),
  ];
  const declared = named.filter((e): e is [string, DeclaredTotal] => e[1] !== undefined);
  if (declared.length)
    lines.push(
      `  declared: ${declared.map(([what, t]) => `${what} ${t.count} (drafted ${t.drafted})`).join(', ')}`,
    );
  lines.push(
    `  doubtful fields: ${d.doubtful.length} (${missing} missing) of ${d.fields.length}; warnings: ${d.warnings.length}`,
  );
  if (d.proposedUnits.length) lines.push(`  proposed new units: ${d.proposedUnits.join(', ')}`);
  if (d.problems.length)
    lines.push(`  validation: ${d.problems.length} problem(s) until the placeholders are replaced`);
  lines.push(
    d.targetPlanCode
      ? `  applying it would change the imported plan ${d.targetPlanCode}`
      : '  applying it would create a new plan',
  );
  return lines;
}
