// Hostile plan files built in the test, for the parsers' limits (docs/security.md).
import { constants, deflateRawSync } from 'node:zlib';

const SHEET_PART = 'xl/worksheets/sheet1.xml';

// A zip archive whose one entry inflates from about 50 KB to 50 MB.
export function zipBomb(): Buffer {
  const size = 50 * 1024 * 1024;
  const data = deflateRawSync(Buffer.alloc(size, 0x20), { level: 9 });
  return oneEntryZip(SHEET_PART, data, { compressed: data.length, inflated: size });
}

// A zip archive whose local and central headers both say its one entry inflates to 1 KB, so
// the declared sizes pass every check, while it really inflates to `megabytes` MB (300 by
// default) from about 1 KB per MB. The deflate stream is one fully flushed 1 MB block repeated:
// a full flush resets the window, so each copy inflates on its own.
export function lyingZip(megabytes = 300): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), {
    level: 9,
    finishFlush: constants.Z_FULL_FLUSH,
  });
  const last = deflateRawSync(Buffer.alloc(0));
  const data = Buffer.concat([...Array<Buffer>(megabytes).fill(block), last]);
  return oneEntryZip(SHEET_PART, data, { compressed: data.length, inflated: 1024 });
}

function oneEntryZip(
  entry: string,
  data: Buffer,
  sizes: { readonly compressed: number; readonly inflated: number },
): Buffer {
  const name = Buffer.from(entry);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(sizes.compressed, 18);
  local.writeUInt32LE(sizes.inflated, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(sizes.compressed, 20);
  central.writeUInt32LE(sizes.inflated, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
