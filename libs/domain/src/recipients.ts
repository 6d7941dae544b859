// Who is told: a notification request names an addressee the way the plan does (a unit code, a
// leader's post such as 分管副省长); these rules turn it into persons, or into a named gap.
// Pure, so the delivery activity and the office's gap list use one implementation.
export const DUTIES = [
  'unit_contact', // receives what is addressed to a unit (reminders, 催办, outcomes)
  'verifier', // receives completion claims and look-backs of the units they verify
  'office', // 整改办: extension and withdrawal requests
  'discipline', // 纪委监委: accountability referrals
] as const;
export type Duty = (typeof DUTIES)[number];

export const ADDRESSEE_KINDS = ['unit', 'leader', 'verifier', 'office', 'discipline'] as const;
export type AddresseeKind = (typeof ADDRESSEE_KINDS)[number];

// Local wall-clock times "HH:MM"; `from` later than `to` spans midnight (22:00–07:00).
export interface QuietHours {
  readonly from: string;
  readonly to: string;
}

export interface RecipientPerson {
  readonly id: string;
  readonly name: string;
  readonly unitCodes: readonly string[];
  readonly duties: readonly Duty[];
}

export interface RecipientPost {
  readonly unitCode: string;
  readonly title: string;
  readonly holderPersonId: string | null;
}

export type Recipients = { readonly personIds: string[] } | { readonly gap: string };

export interface RecipientContext {
  // The measure's lead unit: a leader's post is looked for there first.
  readonly leadUnitCode: string;
  readonly persons: readonly RecipientPerson[];
  readonly posts: readonly RecipientPost[];
}

export function resolveRecipients(
  request: { readonly addresseeKind: AddresseeKind; readonly addressee: string },
  ctx: RecipientContext,
): Recipients {
  const { addresseeKind: kind, addressee } = request;
  const withDuty = (duty: Duty) => ctx.persons.filter((p) => p.duties.includes(duty));
  const found = (persons: readonly RecipientPerson[], gap: string): Recipients =>
    persons.length ? { personIds: persons.map((p) => p.id) } : { gap };
  switch (kind) {
    case 'unit':
      return found(
        withDuty('unit_contact').filter((p) => p.unitCodes.includes(addressee)),
        `unit ${addressee} has no contact (a person with the unit_contact duty)`,
      );
    case 'verifier':
    case 'discipline': {
      // Those bound to the unit; failing them, those bound to no unit in particular.
      const all = withDuty(kind);
      const ofUnit = all.filter((p) => p.unitCodes.includes(addressee));
      return found(
        ofUnit.length ? ofUnit : all.filter((p) => p.unitCodes.length === 0),
        `nobody has the ${kind} duty for unit ${addressee}`,
      );
    }
    case 'office':
      return found(withDuty('office'), 'nobody has the office duty');
    case 'leader':
      return leader(addressee, ctx);
  }
}

// A person of that name, else the holder of the post of that title (in the lead unit first).
function leader(addressee: string, ctx: RecipientContext): Recipients {
  const named = ctx.persons.filter((p) => p.name === addressee);
  if (named.length === 1) return { personIds: [named[0].id] };
  const posts = ctx.posts.filter((p) => p.title === addressee);
  const post =
    posts.find((p) => p.unitCode === ctx.leadUnitCode) ?? (posts.length === 1 ? posts[0] : undefined);
  if (!post) {
    return {
      gap: posts.length
        ? `post ${addressee} exists in several units (${posts.map((p) => p.unitCode).join(', ')}) and none is the lead unit ${ctx.leadUnitCode}`
        : `no person or post is named ${addressee}`,
    };
  }
  if (!post.holderPersonId) return { gap: `post ${addressee} of unit ${post.unitCode} has no holder` };
  return { personIds: [post.holderPersonId] };
}
