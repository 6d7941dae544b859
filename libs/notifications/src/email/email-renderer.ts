import { isValidTimeZone, zoneOffsetMs } from '../../../domain/src/deadline';
import type { Notice } from '../notice';
import {
  EMAIL_WORDING,
  NOTICE_KINDS,
  type EmailWording,
  type Language,
  type NoticeKind,
} from './email-wording';

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface DigestRecipient {
  readonly name: string;
  readonly language: Language;
  readonly timeZone: string;
}

// A measure title in a subject line is cut here: imported titles run to 150 characters.
const SUBJECT_TITLE_MAX = 40;

export function renderEmail(notice: Notice): RenderedEmail {
  const w = EMAIL_WORDING[notice.language];
  const block = noticeBlock(notice, w, notice.timeZone);
  const subject = w.subject(
    block.step,
    `${line(notice.measure.code)} ${cut(line(notice.measure.title))}`,
    line(notice.plan.code),
    block.deadline,
  );
  return assemble(
    subject,
    notice.language,
    w,
    line(notice.recipientName),
    w.intro,
    [block],
    notice.deliveryId,
  );
}

// One message for a day's informational notices, in the recipient's language and zone (not the
// ones each notice was planned with, which may predate a change of settings).
export function renderDigest(recipient: DigestRecipient, notices: readonly Notice[]): RenderedEmail {
  if (notices.length === 0) throw new Error('a digest needs at least one notice');
  const w = EMAIL_WORDING[recipient.language];
  const blocks = notices.map((n) => noticeBlock(n, w, recipient.timeZone));
  return assemble(
    w.digestSubject(notices.length),
    recipient.language,
    w,
    line(recipient.name),
    w.digestIntro(notices.length),
    blocks,
    null,
  );
}

interface NoticeBlock {
  readonly step: string;
  readonly deadline: string;
  readonly heading: string;
  readonly rows: readonly (readonly [label: string, value: string])[];
  readonly action: string;
  readonly link: string;
}

function noticeBlock(n: Notice, w: EmailWording, timeZone: string): NoticeBlock {
  const known = isNoticeKind(n.kind) ? w.kinds[n.kind] : null;
  const step = known ? known.step : line(n.subject);
  const deadline = formatDeadline(n.measure.dueAt, timeZone, w);
  const measure = `${line(n.measure.code)} ${line(n.measure.title)}`;
  return {
    step,
    deadline,
    heading: `${step} · ${measure}`,
    rows: [
      [w.labels.step, step],
      [w.labels.measure, measure],
      [w.labels.plan, `${line(n.plan.code)} ${line(n.plan.title)}`],
      [w.labels.leadUnit, line(n.measure.leadUnitCode)],
      [w.labels.leadLeader, line(n.measure.leadLeader)],
      [w.labels.deadline, deadline],
    ],
    action: known ? known.action : w.unknownAction,
    link: line(n.link),
  };
}

function assemble(
  subject: string,
  language: Language,
  w: EmailWording,
  name: string,
  intro: string,
  blocks: readonly NoticeBlock[],
  reference: string | null,
): RenderedEmail {
  const text = [
    w.greeting(name),
    '',
    intro,
    ...blocks.flatMap((b) => [
      '',
      ...b.rows.map(([label, value]) => `${label}${w.separator}${value}`),
      `${w.labels.action}${w.separator}${b.action}`,
      `${w.labels.link}${w.separator}${b.link}`,
    ]),
    '',
    '-- ',
    w.footer(reference),
    '',
  ].join('\n');
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${language}">`,
    `<head><meta charset="utf-8"><title>${esc(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5">',
    `<p>${esc(w.greeting(name))}</p>`,
    `<p>${esc(intro)}</p>`,
    ...blocks.flatMap((b) => [
      `<h2 style="font-size: 1.1em">${esc(b.heading)}</h2>`,
      '<table>',
      ...b.rows.map(([label, value]) => `<tr><th align="left">${esc(label)}</th><td>${esc(value)}</td></tr>`),
      '</table>',
      `<p><strong>${esc(w.labels.action)}</strong>${esc(w.separator)}${esc(b.action)}</p>`,
      `<p>${anchor(b.link, w)}</p>`,
    ]),
    `<p style="color: #666; font-size: 0.9em">${esc(w.footer(reference))}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { subject, text, html };
}

// Deadlines are stored as the instant they end: "by 31 December" is midnight starting 1 January,
// which readers know as 31 December, 24:00 — the day the bulletins and ledgers show as well.
function formatDeadline(iso: string, timeZone: string, w: EmailWording): string {
  // A zone no one can read still yields a correct instant, labelled UTC, rather than no mail.
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const ms = Date.parse(iso);
  const local = new Date(ms + zoneOffsetMs(zone, ms));
  const atMidnight = local.getUTCHours() === 0 && local.getUTCMinutes() === 0 && local.getUTCSeconds() === 0;
  const day = atMidnight ? new Date(local.getTime() - 86_400_000) : local;
  const pad = (v: number): string => String(v).padStart(2, '0');
  // Seconds only when a test plan runs on second-scale offsets; an office deadline has none.
  const seconds = local.getUTCSeconds() ? `:${pad(local.getUTCSeconds())}` : '';
  return w.deadline({
    year: day.getUTCFullYear(),
    month: day.getUTCMonth() + 1,
    day: day.getUTCDate(),
    time: atMidnight ? '24:00' : `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}${seconds}`,
    zone,
  });
}

function isNoticeKind(kind: string): kind is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(kind);
}

// Imported titles may carry line breaks: in a subject or a text line they would forge lines.
function line(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function cut(value: string): string {
  const chars = [...value];
  return chars.length > SUBJECT_TITLE_MAX ? `${chars.slice(0, SUBJECT_TITLE_MAX).join('')}…` : value;
}

function anchor(link: string, w: EmailWording): string {
  // Only a web address becomes clickable: the link comes from configuration, not trusted as markup.
  if (!/^https?:\/\//i.test(link)) return esc(`${w.labels.link}${w.separator}${link}`);
  return `<a href="${esc(link)}">${esc(w.labels.link)}</a> <span style="color: #666">${esc(link)}</span>`;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
