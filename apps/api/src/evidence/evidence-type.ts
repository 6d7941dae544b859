// Which files are accepted as evidence, recognised by their bytes: the declared Content-Type must
// agree with what the content is, so a script renamed to .pdf is refused.
export const EVIDENCE_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
} as const;
export type EvidenceContentType = keyof typeof EVIDENCE_TYPES;

export function isEvidenceContentType(value: string): value is EvidenceContentType {
  return Object.prototype.hasOwnProperty.call(EVIDENCE_TYPES, value);
}

const PDF = Buffer.from('%PDF-', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

// Random access to the received file, for the zip directory at its end.
export type ReadAt = (offset: number, length: number) => Buffer;

export function sniffEvidenceType(size: number, read: ReadAt): EvidenceContentType | null {
  const head = read(0, Math.min(size, 8));
  if (startsWith(head, PDF)) return 'application/pdf';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (startsWith(head, PNG)) return 'image/png';
  if (!startsWith(head, ZIP)) return null;
  // Office files are zip archives; the parts inside tell a workbook from a document.
  const names = zipEntryNames(size, read);
  if (!names?.includes('[Content_Types].xml')) return null;
  if (names.includes('xl/workbook.xml'))
    return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (names.includes('word/document.xml')) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}

function startsWith(b: Buffer, prefix: Buffer): boolean {
  return b.length >= prefix.length && b.subarray(0, prefix.length).equals(prefix);
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const MAX_DIRECTORY = 8 * 1024 * 1024;

// The names in a zip's central directory, or null when it is not a readable zip.
export function zipEntryNames(size: number, read: ReadAt): string[] | null {
  if (size < EOCD_MIN) return null;
  const tailStart = Math.max(0, size - EOCD_MIN - MAX_COMMENT);
  const tail = read(tailStart, size - tailStart);
  let eocd = -1;
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (dirSize > MAX_DIRECTORY || dirOffset + dirSize > size) return null;
  const dir = read(dirOffset, dirSize);
  const names: string[] = [];
  let p = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL_SIGNATURE) return null;
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    if (p + 46 + nameLength > dir.length) return null;
    names.push(dir.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
