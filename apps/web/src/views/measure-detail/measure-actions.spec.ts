/// <reference types="jest" />
import type { Principal, Role } from '../../../../../libs/domain/src/authorization';
import { rolesAllowed, type MeasureFactsForActions, unavailable } from './measure-actions';

const as = (role: Role): Principal => ({
  kind: 'user',
  id: 'u',
  role,
  units: ['GS-HOUSING'],
  leaderName: null,
});
const facts = (f: Partial<MeasureFactsForActions> = {}): MeasureFactsForActions => ({
  status: 'in_progress',
  track: 'long_term',
  extensionRequested: false,
  withdrawalRequested: false,
  openReferralItems: 0,
  leadUnitCode: 'GS-HOUSING',
  acknowledgement: null,
  ...f,
});

describe('which commands the detail screen offers', () => {
  it('names the roles the authorization table lets verify, admins aside', () => {
    expect(rolesAllowed('verify')).toEqual(['office', 'verifier']);
    expect(rolesAllowed('reportProgress')).toEqual(['unit']);
  });

  it('refuses by role before status: a unit never verifies', () => {
    expect(unavailable(as('unit'), 'verify', facts({ status: 'completion_claimed' }))).toEqual({
      kind: 'role',
      roles: ['office', 'verifier'],
    });
    expect(unavailable(as('office'), 'verify', facts({ status: 'completion_claimed' }))).toBeNull();
  });

  it('follows the state machine: no second claim while one is under verification', () => {
    expect(unavailable(as('unit'), 'claimCompletion', facts())).toBeNull();
    expect(unavailable(as('unit'), 'claimCompletion', facts({ status: 'completion_claimed' }))).toEqual({
      kind: 'status',
      status: 'completion_claimed',
    });
    expect(unavailable(as('office'), 'verify', facts({ status: 'in_progress' }))).toEqual({
      kind: 'status',
      status: 'in_progress',
    });
  });

  it('offers a decision only on a pending request, and a request only when none is pending', () => {
    expect(unavailable(as('office'), 'decideExtension', facts())).toEqual({
      kind: 'nothing_pending',
      what: 'extension',
    });
    expect(unavailable(as('office'), 'decideExtension', facts({ extensionRequested: true }))).toBeNull();
    expect(unavailable(as('unit'), 'requestExtension', facts({ extensionRequested: true }))).toEqual({
      kind: 'already_pending',
      what: 'extension',
    });
    expect(unavailable(as('unit'), 'requestWithdrawal', facts({ withdrawalRequested: true }))).toEqual({
      kind: 'already_pending',
      what: 'withdrawal',
    });
  });

  // 签收: only where the policy asks for it, by the lead unit itself, while the delivery waits.
  it.each<
    [
      string,
      Role,
      string[],
      MeasureFactsForActions['acknowledgement'],
      'acknowledge' | 'returnAssignment' | 'confirmAssignment',
      string | null,
    ]
  >([
    ['no 签收 required', 'unit', ['GS-HOUSING'], null, 'acknowledge', 'not_required'],
    ['no 签收 required, office', 'office', [], null, 'confirmAssignment', 'not_required'],
    ['the lead unit, pending', 'unit', ['GS-HOUSING'], 'pending', 'acknowledge', null],
    ['the lead unit returns, pending', 'unit', ['GS-HOUSING'], 'pending', 'returnAssignment', null],
    ['a co-unit', 'unit', ['LINXIA'], 'pending', 'acknowledge', 'not_lead_unit'],
    ['the office signs', 'office', [], 'pending', 'acknowledge', 'role'],
    [
      'the lead unit, signed already',
      'unit',
      ['GS-HOUSING'],
      'acknowledged',
      'acknowledge',
      'acknowledgement',
    ],
    ['the lead unit, returned', 'unit', ['GS-HOUSING'], 'returned', 'returnAssignment', 'acknowledgement'],
    ['the office confirms a return', 'office', [], 'returned', 'confirmAssignment', null],
    ['the office confirms nothing', 'office', [], 'pending', 'confirmAssignment', 'acknowledgement'],
    ['a unit confirms', 'unit', ['GS-HOUSING'], 'returned', 'confirmAssignment', 'role'],
  ])('%s (%s %j, %s, %s) → %s', (_name, role, units, acknowledgement, command, kind) => {
    const why = unavailable({ ...as(role), units }, command, facts({ acknowledgement }));
    expect(why?.kind ?? null).toBe(kind);
  });

  it('offers reviews on mechanism measures and outcomes on open referral items only', () => {
    const verified = facts({ status: 'verified' });
    expect(unavailable(as('unit'), 'recordReview', verified)).toEqual({ kind: 'track' });
    expect(unavailable(as('unit'), 'recordReview', { ...verified, track: 'mechanism' })).toBeNull();
    expect(unavailable(as('discipline'), 'recordReferralOutcome', facts())).toEqual({
      kind: 'no_referral_items',
    });
    expect(
      unavailable(as('discipline'), 'recordReferralOutcome', facts({ openReferralItems: 1 })),
    ).toBeNull();
  });
});
