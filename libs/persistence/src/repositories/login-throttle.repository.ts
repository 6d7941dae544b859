import { DataSource, In } from 'typeorm';
import { LoginThrottleEntity } from '../entities/login-throttle.entity';
import { serializedWrite } from '../serialized-write';

export interface ThrottleState {
  readonly failures: number;
  readonly lastFailureAt: Date;
  readonly lockedUntil: Date | null;
}

export class LoginThrottleRepository {
  constructor(private readonly ds: DataSource) {}

  async find(keys: readonly string[]): Promise<Map<string, ThrottleState>> {
    const rows = await this.ds.getRepository(LoginThrottleEntity).find({ where: { key: In([...keys]) } });
    return new Map(rows.map((r) => [r.key, r]));
  }

  // Counts one more failure for each key; `next` decides the new state from the stored one.
  recordFailure(
    keys: readonly string[],
    next: (previous: ThrottleState | null) => ThrottleState,
  ): Promise<Map<string, ThrottleState>> {
    return serializedWrite(this.ds, 'login-throttle', async (em) => {
      const result = new Map<string, ThrottleState>();
      for (const key of keys) {
        const previous = await em.findOne(LoginThrottleEntity, { where: { key } });
        const state = next(previous);
        await em.upsert(LoginThrottleEntity, { key, ...state }, ['key']);
        result.set(key, state);
      }
      return result;
    });
  }

  async clear(key: string): Promise<void> {
    await this.ds.getRepository(LoginThrottleEntity).delete({ key });
  }
}
