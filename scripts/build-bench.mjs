#!/usr/bin/env node
// Builds the bench (tsconfig.bench.json's files: the apps, workflows, activities, libs and bench/)
// into its outDir, dist-bench, each file alone with swc, as `nest build -b swc` does. `tsc --noCheck`
// first read every declaration file the sources import (Temporal's, NestJS's, TypeORM's) and took
// 18-21 s of a 2-core machine, a sixth of `npm run bench -- --quick`, which #14 asks to take under
// 2 minutes; swc takes under a second. Types are checked where they always were, by `npm test`'s
// typecheck (tsconfig.json includes bench/), and the images are still built by tsc.
//
// Each file alone: decorator metadata names a constructor's parameter types as written (a type that
// is no class is `Object` at run time, as tsc makes it), and imports used only as types are dropped.
// The options follow tsconfig.bench.json's, so the code run is the code tsc would have emitted.
import { transformFile } from '@swc/core';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const configPath = join(root, 'tsconfig.bench.json');
const read = ts.readConfigFile(configPath, ts.sys.readFile);
if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
const config = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);
if (config.errors.length > 0)
  throw new Error(config.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));

const o = config.options;
if (!o.outDir || !o.rootDir) throw new Error('tsconfig.bench.json must give outDir and rootDir');
if (o.module !== ts.ModuleKind.CommonJS) throw new Error('the bench is built as CommonJS modules');
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: Boolean(o.experimentalDecorators) },
    transform: {
      legacyDecorator: Boolean(o.experimentalDecorators),
      decoratorMetadata: Boolean(o.emitDecoratorMetadata),
      useDefineForClassFields: ts.getUseDefineForClassFields(o),
    },
    target: ts.ScriptTarget[o.target ?? ts.ScriptTarget.ES2022].toLowerCase(),
  },
  module: { type: 'commonjs', noInterop: !o.esModuleInterop },
  sourceMaps: Boolean(o.sourceMap),
};

const started = process.hrtime.bigint();
// Written beside the last build and swapped in whole: a file swc refuses leaves the last build as
// it was, never half of a new one.
const building = `${o.outDir}.building`;
rmSync(building, { recursive: true, force: true });
const files = config.fileNames.filter((f) => !f.endsWith('.d.ts'));
try {
  await Promise.all(
    files.map(async (fileName) => {
      const target = join(o.outDir, relative(o.rootDir, fileName)).replace(/\.ts$/, '.js');
      const out = await transformFile(fileName, {
        ...swcOptions,
        filename: fileName,
        outputPath: target,
        sourceFileName: relative(dirname(target), fileName),
      }).catch((e) => {
        throw new Error(`${relative(root, fileName)}: ${e instanceof Error ? e.message : String(e)}`);
      });
      const written = join(building, relative(o.outDir, target));
      mkdirSync(dirname(written), { recursive: true });
      const mapName = `${target.split('/').at(-1)}.map`;
      writeFileSync(written, out.map ? `${out.code}\n//# sourceMappingURL=${mapName}\n` : out.code);
      if (out.map) writeFileSync(`${written}.map`, out.map);
    }),
  );
} catch (e) {
  rmSync(building, { recursive: true, force: true });
  throw e;
}
rmSync(o.outDir, { recursive: true, force: true });
renameSync(building, o.outDir);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.error(`bench built: ${files.length} files with swc in ${seconds.toFixed(1)} s`);
