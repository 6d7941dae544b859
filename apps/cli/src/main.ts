#!/usr/bin/env node
// rectify CLI: operations beside the API and worker. `import`, `export-ledger` and `bulletin` go
// through the HTTP API, so they follow the same validation and the same path into workflows as
// any other client. The commands are defined in cli-program.ts; `rectify --help` lists them.
import 'reflect-metadata';
import { cliProgram, EXIT } from './cli-program';

cliProgram()
  .run(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (e) => {
      console.error(`rectify: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(EXIT.failed);
    },
  );
