#!/usr/bin/env node
// rectify CLI: operations beside the API and worker. `import`, `export-ledger` and `bulletin` go
// through the HTTP API, so they follow the same validation and the same path into workflows as
// any other client.
import 'reflect-metadata';
import { loadConfig } from '../../../libs/config/src/rectify-config';
import { createDataSource, runMigrations } from '../../../libs/persistence/src/data-source';
import { createApiTokenCommand } from './create-api-token.command';
import { registerSearchAttributesCommand } from './register-search-attributes.command';
import {
  bulletinCommand,
  exportLedgerCommand,
  importCommand,
  option,
  PLAN_USAGE,
  schemaCommand,
  templateCommand,
  validateCommand,
} from './plan-commands';
import { verifyAuditCommand } from './verify-audit.command';

const USAGE = `usage: rectify <command>
  migrate                      apply pending database migrations (SQLite file or DATABASE_URL)
${PLAN_USAGE}
                               API commands go to http://HOST:PORT unless --api is given, and
                               authenticate with RECTIFY_API_TOKEN unless --token is given
  create-api-token --role ROLE [--units A,B] [--leader NAME] [--name TEXT] [--days N]
                               write an API token straight into the database (bootstrapping,
                               integrations) and print it once
  verify-audit                 walk the audit log's hash chain; exit 1 at the first broken row
  register-search-attributes   add the Rectify* search attributes to TEMPORAL_NAMESPACE (self-hosted
                               clusters; set TEMPORAL_SEARCH_ATTRIBUTES=false where they cannot be added)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'migrate': {
      const ds = await createDataSource(loadConfig().database).initialize();
      try {
        const ran = await runMigrations(ds);
        console.log(ran.length ? `applied: ${ran.join(', ')}` : 'database is up to date');
      } finally {
        await ds.destroy();
      }
      return 0;
    }
    case 'register-search-attributes':
      return registerSearchAttributesCommand(loadConfig().temporal);
    case 'validate':
      return validateCommand(args);
    case 'import':
      return importCommand(args);
    case 'export-ledger':
      return exportLedgerCommand(args);
    case 'bulletin':
      return bulletinCommand(args);
    case 'template':
      return templateCommand(args);
    case 'schema':
      return schemaCommand(args);
    case 'create-api-token':
    case 'verify-audit': {
      const ds = await createDataSource(loadConfig().database).initialize();
      try {
        if (command === 'verify-audit') return await verifyAuditCommand(ds);
        return await createApiTokenCommand(ds, {
          role: option(args, '--role'),
          units: option(args, '--units'),
          leader: option(args, '--leader'),
          name: option(args, '--name'),
          days: option(args, '--days'),
        });
      } finally {
        await ds.destroy();
      }
    }
    default:
      console.error(command ? `unknown command ${command}\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`rectify: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
