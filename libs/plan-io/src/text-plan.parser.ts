// JSON and YAML plan files, with every problem placed at a line and column of the file. YAML is
// read by a parser that keeps source ranges; JSON is parsed as JSON and, only when a problem
// needs placing, read once more as YAML (JSON is YAML's flow style) to find its lines.
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { pathSegments, type LocatedProblem } from './located-problem';

export type TextFormat = 'json' | 'yaml';

export type TextReading =
  | { readonly ok: true; readonly value: unknown; readonly locate: (path: string) => string | undefined }
  | { readonly ok: false; readonly problems: readonly LocatedProblem[] };

export function readPlanText(raw: string, format: TextFormat): TextReading {
  const text = raw.replace(/^\uFEFF/, '');
  return format === 'json' ? readJson(text) : readYaml(text);
}

function readJson(text: string): TextReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    // JSON.parse does not always say where; the YAML parser, reading JSON, does.
    const at = /position (\d+)/.exec(message);
    const location = at ? lineColumn(text, Number(at[1])) : located(text, 'json').firstError();
    return {
      ok: false,
      problems: [
        { path: '(file)', ...(location ? { location } : {}), message: `not valid JSON: ${message}` },
      ],
    };
  }
  let source: Located | undefined;
  return {
    ok: true,
    value,
    locate: (path) => {
      source ??= located(text, 'json');
      return source.locate(path);
    },
  };
}

function readYaml(text: string): TextReading {
  const source = located(text, 'core');
  const errors = source.doc.errors;
  if (errors.length) {
    return {
      ok: false,
      problems: errors.map((e) => ({
        path: '(file)',
        location: source.at(e.pos[0]),
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  try {
    // Aliases may not expand a small file into a huge document (billion laughs).
    return { ok: true, value: source.doc.toJS({ maxAliasCount: 100 }), locate: source.locate };
  } catch (e) {
    return { ok: false, problems: [{ path: '(file)', message: `not valid YAML: ${(e as Error).message}` }] };
  }
}

interface Located {
  readonly doc: Document;
  at(offset: number): string;
  locate(path: string): string | undefined;
  firstError(): string | undefined;
}

// The YAML 1.2 core schema keeps `2019-09-30` a string, as the plan format wants.
function located(text: string, schema: 'core' | 'json' = 'json'): Located {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, schema });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return `${pos.line}:${pos.col}`;
  };
  return {
    doc,
    at,
    locate(path) {
      const node = doc.getIn(pathSegments(path), true);
      return isNode(node) && node.range ? at(node.range[0]) : undefined;
    },
    firstError() {
      const e = doc.errors[0];
      return e ? at(e.pos[0]) : undefined;
    },
  };
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `${line}:${col}`;
}
