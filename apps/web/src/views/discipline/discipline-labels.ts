// Words of the discipline desk in both languages, by the API's codes (libs/domain/src/accountability.ts).
import type {
  CadreLevel,
  DecisionForm,
  DecisionState,
  LeadOutcome,
  PersonRelation,
} from '../../../../../libs/domain/src/accountability';

type Words = readonly [zh: string, en: string];

export const FORM_WORDS: Record<DecisionForm, Words> = {
  no_action: ['不予问责', 'No action'],
  tolerated_error: ['容错免责', 'Tolerated error'],
  criticism_education: ['批评教育', 'Criticism and education'],
  admonishment_talk: ['诫勉谈话', 'Admonishment talk'],
  organisational_handling: ['组织处理', 'Organisational handling'],
  party_discipline: ['党纪处分', 'Party discipline'],
  government_sanction: ['政务处分', 'Government sanction'],
  judicial_referral: ['移送司法机关', 'Judicial referral'],
};

export const STATE_WORDS: Record<DecisionState, Words> = {
  provisional: ['待提级审核', 'Awaiting review'],
  final: ['生效', 'In force'],
  overturned: ['已撤销', 'Overturned'],
  corrected: ['已纠正', 'Corrected'],
};

export const CADRE_WORDS: Record<CadreLevel, Words> = {
  province: ['省管干部', 'Province'],
  city: ['市管干部', 'City'],
  county: ['县管干部', 'County'],
  township: ['乡镇干部', 'Township'],
  village: ['村干部', 'Village'],
  other: ['其他', 'Other'],
};

export const RELATION_WORDS: Record<PersonRelation, Words> = {
  principal: ['主要负责人', 'Principal'],
  leader_in_charge: ['分管领导', 'Leader in charge'],
  direct: ['直接责任人', 'Directly responsible'],
  other: ['其他', 'Other'],
};

export const OUTCOME_WORDS: Record<LeadOutcome, Words> = {
  substantiated: ['属实', 'Substantiated'],
  partly_substantiated: ['部分属实', 'Partly substantiated'],
  unsubstantiated: ['不属实', 'Unsubstantiated'],
  closed: ['了结', 'Closed'],
};

export const ORIGIN_WORDS: Record<string, Words> = {
  ladder: ['问责移送', 'Ladder referral'],
  manual: ['人工移送', 'Referred by hand'],
  lead: ['问题线索', 'Problem lead'],
};

export const CASE_EVENT_WORDS: Record<string, Words> = {
  opened: ['立案', 'Opened'],
  body_assigned: ['指定承办机关', 'Body assigned'],
  person_added: ['认定责任人', 'Person named'],
  decided: ['作出处理决定', 'Decided'],
  reviewed: ['提级审核通过', 'Review confirmed'],
  returned: ['提级审核退回', 'Review overturned'],
  corrected: ['纠正决定', 'Corrected'],
  concluded: ['结案', 'Concluded'],
  case_reminder: ['办案提醒', 'Case reminder'],
  case_overdue: ['办案超期', 'Case overdue'],
  case_escalated: ['超期上报', 'Escalated'],
};

export function words(table: Record<string, Words>, key: string, tr: (zh: string, en: string) => string) {
  const w = table[key];
  return w ? tr(w[0], w[1]) : key;
}
