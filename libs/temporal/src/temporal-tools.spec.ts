import { devServerArgs } from './temporal-tools';

describe('arguments for the Temporal dev server', () => {
  const pragmas = (args: string[]) =>
    args.flatMap((arg, i) => (arg === '--sqlite-pragma' ? [args[i + 1]] : []));

  it('keeps its SQLite file durable: write-ahead log with synchronous=NORMAL, never OFF', () => {
    const args = devServerArgs({ port: 7233, dbFile: '.data/temporal.sqlite' });
    expect(args.slice(args.indexOf('--db-filename'), args.indexOf('--db-filename') + 2)).toEqual([
      '--db-filename',
      '.data/temporal.sqlite',
    ]);
    expect(pragmas(args)).toEqual(['journal_mode=WAL', 'synchronous=NORMAL']);
  });

  it('sets no pragma when the state is in memory', () => {
    expect(pragmas(devServerArgs({ port: 7233 }))).toEqual([]);
  });

  it('binds to 127.0.0.1 on the given ports', () => {
    expect(devServerArgs({ port: 7300, uiPort: 8300, namespace: 'rectify' })).toEqual([
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      '7300',
      '--namespace',
      'rectify',
      '--ui-port',
      '8300',
      '--log-level',
      'warn',
    ]);
  });
});
