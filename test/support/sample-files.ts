// Small but well-formed files of each evidence type, built in memory, and a zip writer for the
// Office formats (stored entries, or entries a test deflated itself).
import { crc32 } from 'node:zlib';

// One entry of a zip archive as written: `data` stored as it is (method 0) or already deflated
// (method 8), with the CRC and size of the bytes it unpacks to.
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
  readonly method: 0 | 8;
  readonly crc: number;
  readonly size: number;
}

export function zip(files: Record<string, string | Buffer>): Buffer {
  return zipOf(
    Object.entries(files).map(([name, content]) => {
      const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
      return { name, data, method: 0, crc: crc32(data), size: data.length };
    }),
  );
}

export function zipOf(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, method, crc, size } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types/>';

export const SAMPLES = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1'),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32), Buffer.from([0xff, 0xd9])]),
  docx: zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': '<w:document/>' }),
  xlsx: zip({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': '<workbook/>' }),
  // Zip archives that are not Office documents, and a script that calls itself a PDF.
  plainZip: zip({ 'notes.txt': '整改台账' }),
  script: Buffer.from('#!/bin/sh\nrm -rf /\n', 'latin1'),
};
