// Jest loads modules as CommonJS and cannot `require()` an ES module, which Node itself can since
// 20.19. Some pinned packages ship ES modules only (@nestjs/terminus 12, jose 6); the built apps
// load them natively, and Jest gets them through this transform: TypeScript's own ESM → CommonJS
// transpilation, plus the two ESM-only idioms it leaves alone (`import.meta`, and a `require` made
// with createRequire, which would clash with CommonJS's own `require`).
const crypto = require('node:crypto');
const ts = require('typescript');

// The packages transformed; jest configs keep every other node_modules file untransformed.
const ESM_ONLY_PACKAGES = ['@nestjs/terminus', 'jose'];

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
  ESM_ONLY_PACKAGES,
  // Every node_modules file is left as it is, except those of the ESM-only packages.
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update(ts.version).update(filename).update(source).digest('hex');
  },
  process(source, filename) {
    return { code: toCommonJs(source, filename) };
  },
};
