// What a completion claim can show as evidence (佐证材料). A plan's evidence rules name the kinds
// a measure's claim must carry; a claim resting on documents alone is flagged (纸上整改).
export const EVIDENCE_KINDS = ['document', 'photo', 'data', 'site_visit', 'testimony', 'file'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
