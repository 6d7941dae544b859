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
