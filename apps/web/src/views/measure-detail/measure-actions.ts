// Which commands the detail screen offers, and why one is not available: the role table the API's
// guard reads (MEASURE_COMMAND_ACTION, `can`), the state machine the workflow's validators read
// (isCommandAllowed), and what a command needs to be pending (a request to decide). The API still
// decides for each measure; its refusal is shown as it is.
import type { AcknowledgementStatus } from '../../../../../libs/domain/src/acknowledgement-policy';
import {
  actsForLeadUnit,
  can,
  MEASURE_COMMAND_ACTION,
  type Principal,
  type Role,
  ROLES,
} from '../../../../../libs/domain/src/authorization';
import {
  isCommandAllowed,
  type MeasureCommand,
  type MeasureStatus,
} from '../../../../../libs/domain/src/measure-status';

// The commands with a form on this screen, in the order a measure usually meets them.
// (decompose and applyPolicy need forms of their own; applyCalendar follows the plan's calendar.)
export const SCREEN_COMMANDS = [
  'acknowledge',
  'returnAssignment',
  'confirmAssignment',
  'reportProgress',
  'claimCompletion',
  'verify',
  'requestExtension',
  'decideExtension',
  'requestWithdrawal',
  'decideWithdrawal',
  'recordReferralOutcome',
  'changeDeadline',
  'reassign',
  'scheduleLookBack',
  'recordLookBack',
  'recordReview',
  'reportMaterialChange',
  'close',
  'withdraw',
] as const satisfies readonly MeasureCommand[];
export type ScreenCommand = (typeof SCREEN_COMMANDS)[number];

export const ROLE_NAMES: Record<Role, [string, string]> = {
  admin: ['系统管理员', 'administrators'],
  office: ['整改办', 'the office'],
  lead_leader: ['牵头领导', 'lead leaders'],
  unit: ['责任单位', 'responsible units'],
  verifier: ['验收人员', 'verifiers'],
  discipline: ['纪检监察机关', 'discipline bodies'],
  public: ['群众', 'the public'],
};

// What the measure holds that decides whether a command makes sense beyond its status.
export interface MeasureFactsForActions {
  readonly status: MeasureStatus;
  readonly track: string;
  readonly extensionRequested: boolean;
  readonly withdrawalRequested: boolean;
  readonly openReferralItems: number;
  readonly leadUnitCode: string;
  // 签收: null when the measure's policy asks for none.
  readonly acknowledgement: AcknowledgementStatus | null;
}

const ACKNOWLEDGEMENT_COMMANDS: readonly ScreenCommand[] = [
  'acknowledge',
  'returnAssignment',
  'confirmAssignment',
];

export type Unavailable =
  | { readonly kind: 'role'; readonly roles: readonly Role[] }
  | { readonly kind: 'status'; readonly status: MeasureStatus }
  | { readonly kind: 'nothing_pending'; readonly what: 'extension' | 'withdrawal' }
  | { readonly kind: 'already_pending'; readonly what: 'extension' | 'withdrawal' }
  | { readonly kind: 'track' }
  | { readonly kind: 'no_referral_items' }
  // 签收 commands on a measure that needs no 签收: not shown at all.
  | { readonly kind: 'not_required' }
  | { readonly kind: 'not_lead_unit'; readonly unit: string }
  | { readonly kind: 'acknowledgement'; readonly status: AcknowledgementStatus };

// The roles (admins aside) the table lets take a command: named in the reason a button is disabled.
export function rolesAllowed(command: MeasureCommand): Role[] {
  return ROLES.filter(
    (role) =>
      role !== 'admin' &&
      can({ kind: 'user', id: '', role, units: [], leaderName: null }, MEASURE_COMMAND_ACTION[command]),
  );
}

// Null: offered. Otherwise the first reason it is not, in the order a user would need to know it.
export function unavailable(
  principal: Principal,
  command: ScreenCommand,
  m: MeasureFactsForActions,
): Unavailable | null {
  const acknowledging = ACKNOWLEDGEMENT_COMMANDS.includes(command);
  if (acknowledging && m.acknowledgement === null) return { kind: 'not_required' };
  if (!can(principal, MEASURE_COMMAND_ACTION[command])) return { kind: 'role', roles: rolesAllowed(command) };
  // 签收 and 退回 are the lead unit's own word (actsForLeadUnit, as the API checks).
  if (command !== 'confirmAssignment' && acknowledging && !actsForLeadUnit(principal, m.leadUnitCode))
    return { kind: 'not_lead_unit', unit: m.leadUnitCode };
  if (!isCommandAllowed(m.status, command)) return { kind: 'status', status: m.status };
  const wanted = command === 'confirmAssignment' ? 'returned' : 'pending';
  if (acknowledging && m.acknowledgement !== null && m.acknowledgement !== wanted)
    return { kind: 'acknowledgement', status: m.acknowledgement };
  if (command === 'decideExtension' && !m.extensionRequested)
    return { kind: 'nothing_pending', what: 'extension' };
  if (command === 'decideWithdrawal' && !m.withdrawalRequested)
    return { kind: 'nothing_pending', what: 'withdrawal' };
  if (command === 'requestExtension' && m.extensionRequested)
    return { kind: 'already_pending', what: 'extension' };
  if (command === 'requestWithdrawal' && m.withdrawalRequested)
    return { kind: 'already_pending', what: 'withdrawal' };
  if (command === 'recordReview' && m.track !== 'mechanism') return { kind: 'track' };
  if (command === 'recordReferralOutcome' && m.openReferralItems === 0) return { kind: 'no_referral_items' };
  return null;
}
