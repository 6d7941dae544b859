// Reads an XLSX's zip central directory before anything is inflated, and refuses an archive that
// would inflate beyond a bound (a zip bomb): too many entries, an entry or a total larger than
// the limits, or an entry compressed far better than any real workbook part. The sizes are the
// ones the archive declares; an archive lying about them is not caught here.
export const MAX_XLSX_ENTRIES = 1_000;
export const MAX_XLSX_INFLATED_BYTES = 200 * 1024 * 1024;
export const MAX_XLSX_COMPRESSION_RATIO = 200;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;

// A reason to refuse the archive, or null when its declared sizes are within the limits (or it is
// not a zip archive at all: exceljs then says so itself).
export function zipInflationProblem(bytes: Uint8Array): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(buf);
  if (end < 0) return null;
  const entries = buf.readUInt16LE(end + 10);
  if (entries > MAX_XLSX_ENTRIES)
    return `the workbook has ${entries} parts; at most ${MAX_XLSX_ENTRIES} are read`;
  let at = buf.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_FILE_HEADER) return null;
    const compressed = buf.readUInt32LE(at + 20);
    const inflated = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, Math.min(buf.length, at + 46 + nameLength));
    total += inflated;
    if (inflated > MAX_XLSX_INFLATED_BYTES || total > MAX_XLSX_INFLATED_BYTES)
      return `the workbook part ${name} would inflate the workbook beyond ${MAX_XLSX_INFLATED_BYTES / 1024 / 1024} MB`;
    if (inflated > 1024 * 1024 && inflated / Math.max(compressed, 1) > MAX_XLSX_COMPRESSION_RATIO)
      return `the workbook part ${name} is compressed ${Math.round(inflated / Math.max(compressed, 1))}:1; parts compressed more than ${MAX_XLSX_COMPRESSION_RATIO}:1 are not inflated`;
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return null;
}

// The end record sits in the last 22 bytes plus a comment of up to 65,535 bytes.
function findEndOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  }
  return -1;
}
