// One mailbox, plainly written: local-part@domain. What fails here is refused before any server
// is asked: lists ("a@x.org, b@y.org") and display names that would widen a send, whitespace and
// line breaks that would forge headers, empty or dotted-away parts. Letters of any script pass
// (张三@例子.中国); whether the mailbox exists is the receiving server's answer.
const ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const MAILBOX = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})*$`, 'u');
// RFC 5321's limit on a forward path.
const MAX_LENGTH = 254;

export function isMailAddress(text: string): boolean {
  return text.length <= MAX_LENGTH && MAILBOX.test(text);
}
