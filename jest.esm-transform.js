// The Jest transform of the ESM-only packages listed in jest.esm-only.js: TypeScript's own
// ESM → CommonJS transpilation, plus the two ESM-only idioms it leaves alone (`import.meta`, and a
// `require` made with createRequire, as @nestjs/terminus does, which would clash with CommonJS's
// own `require`).
const crypto = require('node:crypto');
const ts = require('typescript');

const IMPORT_META =
  '({ url: require("node:url").pathToFileURL(__filename).href, dirname: __dirname, filename: __filename,' +
  ' resolve: (s) => require("node:url").pathToFileURL(require.resolve(s)).href })';

function toCommonJs(source, filename) {
  const prepared = source
    .replace(/^\s*const require = createRequire\(import\.meta\.url\);\s*$/m, '')
    .replace(/\bimport\.meta\b/g, IMPORT_META);
  return ts.transpileModule(prepared, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      allowJs: true,
      esModuleInterop: true,
      sourceMap: false,
    },
  }).outputText;
}

module.exports = {
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update(ts.version).update(filename).update(source).digest('hex');
  },
  process(source, filename) {
    return { code: toCommonJs(source, filename) };
  },
};
