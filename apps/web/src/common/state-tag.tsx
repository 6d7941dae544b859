import { Tag } from 'antd';
import type { ReactNode } from 'react';

// Solid tags with white text, each colour at least 4.5:1 against it.
const TONES = {
  red: '#b71c1c',
  green: '#1b5e20',
  blue: '#0b50b3',
  orange: '#8a4b00',
  grey: '#595959',
} as const;
export type Tone = keyof typeof TONES;

export function StateTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  const colour = TONES[tone];
  return <Tag style={{ color: '#fff', background: colour, borderColor: colour }}>{children}</Tag>;
}
