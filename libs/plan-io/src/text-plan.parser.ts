// JSON and YAML plan files, with every problem placed at a line and column of the file. YAML is
// read by a parser that keeps source ranges; JSON is parsed as JSON and, only when a problem
// needs placing, read once more as YAML (JSON is YAML's flow style) to find its lines.
import { Composer, isNode, LineCounter, Parser, YAMLParseError, type CST, type Document } from 'yaml';
import { pathSegments, type LocatedProblem } from './located-problem';

export type TextFormat = 'json' | 'yaml';

// Plan documents nest about ten levels. The YAML parser composes nested nodes by recursion: a file
// nested thousands deep exhausts the stack, and V8 can then abort the whole process (a regular
// expression compiled that deep fails fatally, even in a worker thread). The depth is measured on
// the parser's tokens, without recursion, before anything is composed.
export const MAX_NESTING_DEPTH = 64;

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
    const location = at ? lineColumn(text, Number(at[1])) : located(text, 'json')?.firstError();
    return {
      ok: false,
      problems: [
        { path: '(file)', ...(location ? { location } : {}), message: `not valid JSON: ${message}` },
      ],
    };
  }
  let source: Located | null | undefined;
  return {
    ok: true,
    value,
    locate: (path) => {
      if (source === undefined) source = located(text, 'json');
      return source?.locate(path);
    },
  };
}

function readYaml(text: string): TextReading {
  const source = located(text, 'core');
  if (!source)
    return {
      ok: false,
      problems: [
        { path: '(file)', message: `not valid YAML: it nests more than ${MAX_NESTING_DEPTH} levels deep` },
      ],
    };
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

// What yaml's parseDocument does, with the depth measured between parsing and composing; null
// when the text nests too deep. The YAML 1.2 core schema keeps `2019-09-30` a string, as the plan
// format wants.
function located(text: string, schema: 'core' | 'json' = 'json'): Located | null {
  const lineCounter = new LineCounter();
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  if (deeperThan(tokens, MAX_NESTING_DEPTH)) return null;
  const [doc, second] = new Composer({ uniqueKeys: true, schema }).compose(tokens, true, text.length);
  if (second)
    doc.errors.push(
      new YAMLParseError(
        [second.range[0], second.range[1]],
        'MULTIPLE_DOCS',
        'Source contains multiple documents',
      ),
    );
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

function deeperThan(tokens: readonly CST.Token[], limit: number): boolean {
  const todo: [CST.Token | null | undefined, number][] = tokens.map((t) => [t, 0]);
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [token, depth] = next;
    if (!token) continue;
    if (depth > limit) return true;
    if (token.type === 'document') todo.push([token.value, depth]);
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection')
      for (const item of token.items) todo.push([item.key, depth + 1], [item.value, depth + 1]);
  }
  return false;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `${line}:${col}`;
}
