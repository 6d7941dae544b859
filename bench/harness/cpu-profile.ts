// A CPU profile of this thread (the API's, the activities', the bench's own) over one stretch of a
// run, written to DIR/NAME.cpuprofile; `bench/profile-summary.ts` sums it by area.
import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';

export async function profiled<T>(dir: string | null, name: string, f: () => Promise<T>): Promise<T> {
  if (!dir) return f();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await f();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    console.error(`CPU profile written to ${file}`);
  }
}
