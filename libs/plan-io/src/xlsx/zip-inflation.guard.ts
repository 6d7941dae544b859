// Inflates an XLSX's zip parts before exceljs sees them, within bounds a zip bomb cannot pass. The
// central directory is read first and the archive refused when it declares too many parts, a part
// or a total larger than the limits, or a part compressed far better than any real workbook part.
// Each part is then inflated with a hard cap on the bytes actually written: the size it declares,
// so an archive lying in its headers stops being inflated there. exceljs gets the parts back as an
// uncompressed zip and inflates nothing itself.
import { crc32, inflateRawSync } from 'node:zlib';

export const MAX_XLSX_ENTRIES = 1_000;
export const MAX_XLSX_INFLATED_BYTES = 200 * 1024 * 1024;
export const MAX_XLSX_COMPRESSION_RATIO = 200;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAG = 0x0001;
const UTF8_NAME_FLAG = 0x0800;

export type WorkbookInflation =
  | { readonly ok: true; readonly zip: Buffer }
  | { readonly ok: false; readonly tooLarge: boolean; readonly message: string };

interface Part {
  readonly name: string;
  readonly rawName: Buffer;
  readonly utf8Name: boolean;
  readonly method: number;
  readonly compressed: Buffer;
  readonly declared: number;
}

export function inflateWorkbookZip(bytes: Uint8Array): WorkbookInflation {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = readDirectory(buf);
  if (!Array.isArray(parts)) return parts;
  const out = new StoredZip(parts);
  for (const part of parts) {
    const data = inflated(part);
    if (!Buffer.isBuffer(data)) return data;
    out.add(part, data);
  }
  return { ok: true, zip: out.finish() };
}

// The parts as the central directory lists them, or the reason to refuse the archive; nothing is
// inflated yet.
function readDirectory(buf: Buffer): Part[] | Extract<WorkbookInflation, { ok: false }> {
  const unreadable = (why: string) => ({ ok: false as const, tooLarge: false, message: why });
  const tooLarge = (why: string) => ({ ok: false as const, tooLarge: true, message: why });
  const end = findEndOfCentralDirectory(buf);
  if (end < 0) return unreadable('it is not a zip archive');
  const entries = buf.readUInt16LE(end + 10);
  if (entries > MAX_XLSX_ENTRIES)
    return tooLarge(`the workbook has ${entries} parts; at most ${MAX_XLSX_ENTRIES} are read`);
  let at = buf.readUInt32LE(end + 16);
  let total = 0;
  const parts: Part[] = [];
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_FILE_HEADER)
      return unreadable('its central directory is cut short');
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const declared = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const localAt = buf.readUInt32LE(at + 42);
    if (at + 46 + nameLength > buf.length) return unreadable('its central directory is cut short');
    const rawName = buf.subarray(at + 46, at + 46 + nameLength);
    const name = rawName.toString('utf8');
    total += declared;
    if (declared > MAX_XLSX_INFLATED_BYTES || total > MAX_XLSX_INFLATED_BYTES)
      return tooLarge(
        `the workbook part ${name} would inflate the workbook beyond ${MAX_XLSX_INFLATED_BYTES / 1024 / 1024} MB`,
      );
    if (declared > 1024 * 1024 && declared / Math.max(compressedSize, 1) > MAX_XLSX_COMPRESSION_RATIO)
      return tooLarge(
        `the workbook part ${name} is compressed ${Math.round(declared / Math.max(compressedSize, 1))}:1; parts compressed more than ${MAX_XLSX_COMPRESSION_RATIO}:1 are not inflated`,
      );
    if (flags & ENCRYPTED_FLAG) return unreadable(`the workbook part ${name} is encrypted`);
    if (method !== STORED && method !== DEFLATED)
      return unreadable(`the workbook part ${name} is compressed with method ${method}, not deflate`);
    if (localAt + 30 > buf.length || buf.readUInt32LE(localAt) !== LOCAL_FILE_HEADER)
      return unreadable(`the workbook part ${name} is not where the central directory says`);
    const dataAt = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28);
    if (dataAt + compressedSize > buf.length) return unreadable(`the workbook part ${name} is cut short`);
    parts.push({
      name,
      rawName,
      utf8Name: (flags & UTF8_NAME_FLAG) !== 0,
      method,
      compressed: buf.subarray(dataAt, dataAt + compressedSize),
      declared,
    });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return parts;
}

// A part's bytes, inflated no further than the size it declares.
function inflated(part: Part): Buffer | Extract<WorkbookInflation, { ok: false }> {
  if (part.method === STORED) return part.compressed;
  try {
    // maxOutputLength must be at least 1; an empty part that inflates to anything is caught below.
    const data = inflateRawSync(part.compressed, { maxOutputLength: Math.max(part.declared, 1) });
    if (data.length <= part.declared) return data;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE')
      return {
        ok: false,
        tooLarge: false,
        message: `the workbook part ${part.name} cannot be inflated: ${(e as Error).message}`,
      };
  }
  return {
    ok: false,
    tooLarge: true,
    message: `the workbook part ${part.name} inflates beyond the ${part.declared} bytes its zip headers declare; parts are inflated no further than they declare (at most ${MAX_XLSX_INFLATED_BYTES / 1024 / 1024} MB in all)`,
  };
}

// An uncompressed zip of the inflated parts, written into one buffer sized by what the parts
// declare (an upper bound once every part is held to it).
class StoredZip {
  private readonly out: Buffer;
  private readonly central: Buffer[] = [];
  private at = 0;

  constructor(parts: readonly Part[]) {
    const headers = parts.reduce((n, p) => n + 30 + 46 + 2 * p.rawName.length, 22);
    const data = parts.reduce((n, p) => n + (p.method === STORED ? p.compressed.length : p.declared), 0);
    this.out = Buffer.alloc(headers + data);
  }

  add(part: Part, data: Buffer): void {
    const crc = crc32(data);
    const flags = part.utf8Name ? UTF8_NAME_FLAG : 0;
    const local = this.at;
    this.at = this.out.writeUInt32LE(LOCAL_FILE_HEADER, this.at);
    this.at = this.out.writeUInt16LE(20, this.at);
    this.at = this.out.writeUInt16LE(flags, this.at);
    this.at = this.out.writeUInt16LE(STORED, this.at);
    this.at += 4; // modification time and date: none
    this.at = this.out.writeUInt32LE(crc, this.at);
    this.at = this.out.writeUInt32LE(data.length, this.at);
    this.at = this.out.writeUInt32LE(data.length, this.at);
    this.at = this.out.writeUInt16LE(part.rawName.length, this.at);
    this.at = this.out.writeUInt16LE(0, this.at);
    this.at += part.rawName.copy(this.out, this.at);
    this.at += data.copy(this.out, this.at);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_FILE_HEADER, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(STORED, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(part.rawName.length, 28);
    header.writeUInt32LE(local, 42);
    this.central.push(header, part.rawName);
  }

  finish(): Buffer {
    const directoryAt = this.at;
    for (const b of this.central) this.at += b.copy(this.out, this.at);
    const entries = this.central.length / 2;
    this.at = this.out.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, this.at);
    this.at += 4; // disk numbers
    this.at = this.out.writeUInt16LE(entries, this.at);
    this.at = this.out.writeUInt16LE(entries, this.at);
    this.at = this.out.writeUInt32LE(this.at - 12 - directoryAt, this.at);
    this.at = this.out.writeUInt32LE(directoryAt, this.at);
    this.at = this.out.writeUInt16LE(0, this.at);
    return this.out.subarray(0, this.at);
  }
}

// The end record sits in the last 22 bytes plus a comment of up to 65,535 bytes.
function findEndOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  }
  return -1;
}
