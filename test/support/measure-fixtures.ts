// What the measure specs share: the default ladder as recorded ([kind, days from the deadline])
// and evidence and indicator values a claim carries.
export const WHOLE_LADDER = [
  ['reminder', -7],
  ['reminder', -1],
  ['overdue_notice', 0],
  ['supervision_notice', 3],
  ['formal_talk', 7],
  ['accountability_referral', 15],
];
export const PHOTO = { kind: 'photo' as const, description: '改造后住房照片' };
export const DOC = { kind: 'document' as const, description: '整改报告' };
// The test plan's first measure at its target (26,500 houses).
export const AT_TARGET = [{ code: 'houses', current: 26_500 }];
