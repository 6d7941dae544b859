// rectify CLI: operations that run beside the API and worker.
import 'reflect-metadata';
import { loadConfig } from '../../../libs/config/src/rectify-config';
import { createDataSource, runMigrations } from '../../../libs/persistence/src/data-source';

const USAGE = `usage: rectify <command>
  migrate     apply pending database migrations (SQLite file or DATABASE_URL)
  migrations  list migrations and whether each is applied`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  const config = loadConfig();
  switch (command) {
    case 'migrate': {
      const ds = await createDataSource(config.database).initialize();
      try {
        const ran = await runMigrations(ds);
        console.log(ran.length ? `applied: ${ran.join(', ')}` : 'database is up to date');
      } finally {
        await ds.destroy();
      }
      return 0;
    }
    case 'migrations': {
      const ds = await createDataSource(config.database).initialize();
      try {
        const pending = await ds.showMigrations();
        console.log(pending ? 'some migrations are pending: run rectify migrate' : 'all migrations applied');
      } finally {
        await ds.destroy();
      }
      return 0;
    }
    default:
      console.error(command ? `unknown command ${command}\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
