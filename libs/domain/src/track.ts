// The rectification track of a problem decides how its measures are followed.
export const TRACKS = [
  'immediate', // 立行立改: fix now, one hard deadline
  'mechanism', // 常态化/长效机制: build a lasting mechanism, reviewed periodically
  'long_term', // 攻坚/冲刺清零: staged goals on a roadmap and timetable
  'referral', // 问题线索移交: leads handed to a discipline body, followed item by item
] as const;
export type Track = (typeof TRACKS)[number];
