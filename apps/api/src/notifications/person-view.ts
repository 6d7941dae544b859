import type { PersonChannelEntity } from '../../../../libs/persistence/src/entities/person-channel.entity';
import type { PersonEntity } from '../../../../libs/persistence/src/entities/person.entity';

// A person as the API shows them: channels without their secrets.
export function personView(p: PersonEntity, channels: readonly PersonChannelEntity[]) {
  return {
    id: p.id,
    name: p.name,
    userId: p.userId,
    unitCodes: p.unitCodes,
    duties: p.duties,
    language: p.language,
    timeZone: p.timeZone,
    quietHours: p.quietHours,
    dailyDigest: p.dailyDigest,
    // 催办 and above reach a person at once, whatever the settings above say.
    escalationsAlwaysDelivered: true,
    disabled: p.disabledAt !== null,
    channels: channels
      .filter((c) => c.personId === p.id)
      .map((c) => ({ id: c.id, kind: c.kind, address: c.address })),
  };
}
