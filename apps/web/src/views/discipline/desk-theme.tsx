import { ConfigProvider, Tag } from 'antd';
import type { ReactNode } from 'react';

// Ant Design's default secondary, placeholder and empty-table text (45% and 25% black) and its
// light status tags fall below 4.5:1 on white; the desks darken them to pass axe-core's contrast
// check (WCAG AA).
const READABLE = {
  colorTextDescription: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
};

export function DeskTheme({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={{ token: READABLE }}>{children}</ConfigProvider>;
}

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
