import { DataSource, In } from 'typeorm';
import { LoginThrottleEntity } from '../entities/login-throttle.entity';
import { serializedWrite } from '../serialized-write';

export interface ThrottleState {
  readonly failures: number;
  readonly lastFailureAt: Date;
  readonly lockedUntil: Date | null;
}

export type ThrottleUpdate = (previous: ThrottleState | null) => ThrottleState | null;

export class LoginThrottleRepository {
  constructor(private readonly ds: DataSource) {}

  // Checks the keys and counts an attempt against them in one serialized write, so parallel
  // attempts cannot all pass the check before any of them is counted. When `waitMs` says one of
  // the stored states is still locked, nothing is written and the longest wait comes back;
  // otherwise every key gets `update`'s state and 0 comes back.
  countUnlessLocked(
    updates: ReadonlyMap<string, ThrottleUpdate>,
    waitMs: (state: ThrottleState) => number,
  ): Promise<number> {
    return serializedWrite(this.ds, 'login-throttle', async (em) => {
      const rows = await em.find(LoginThrottleEntity, { where: { key: In([...updates.keys()]) } });
      const stored = new Map<string, ThrottleState>(rows.map((r) => [r.key, r]));
      const wait = Math.max(0, ...[...stored.values()].map(waitMs));
      if (wait > 0) return wait;
      for (const [key, update] of updates) await this.write(em, key, update(stored.get(key) ?? null));
      return 0;
    });
  }

  // Applies `update` to each key's stored state (a null result deletes the key).
  update(updates: ReadonlyMap<string, ThrottleUpdate>): Promise<void> {
    return serializedWrite(this.ds, 'login-throttle', async (em) => {
      for (const [key, update] of updates) {
        const previous = await em.findOne(LoginThrottleEntity, { where: { key } });
        await this.write(em, key, update(previous));
      }
    });
  }

  private async write(em: DataSource['manager'], key: string, state: ThrottleState | null) {
    if (state) await em.upsert(LoginThrottleEntity, { key, ...state }, ['key']);
    else await em.delete(LoginThrottleEntity, { key });
  }
}
