import { SAMPLES, zip } from '../../../../test/support/sample-files';
import { isEvidenceContentType, sniffEvidenceType, zipEntryNames } from './evidence-type';

const reader = (b: Buffer) => (offset: number, length: number) => b.subarray(offset, offset + length);
const sniff = (b: Buffer) => sniffEvidenceType(b.length, reader(b));

describe('evidence types', () => {
  it.each<[keyof typeof SAMPLES, string | null]>([
    ['pdf', 'application/pdf'],
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['plainZip', null],
    ['script', null],
  ])('recognises %s by its bytes as %s', (sample, type) => {
    expect(sniff(SAMPLES[sample])).toBe(type);
  });

  it('refuses empty and truncated files', () => {
    expect(sniff(Buffer.alloc(0))).toBeNull();
    expect(sniff(SAMPLES.docx.subarray(0, SAMPLES.docx.length - 10))).toBeNull();
  });

  it('refuses an Office zip without its content-types part', () => {
    expect(sniff(zip({ 'word/document.xml': '<w:document/>' }))).toBeNull();
  });

  it('reads the names of a zip from its central directory', () => {
    const b = zip({ 'a.txt': 'a', '目录/b.xml': 'b' });
    expect(zipEntryNames(b.length, reader(b))).toEqual(['a.txt', '目录/b.xml']);
  });

  it('allows exactly the five evidence content types', () => {
    expect(['application/pdf', 'image/png', 'image/jpeg'].every(isEvidenceContentType)).toBe(true);
    expect(['text/html', 'application/zip', 'image/svg+xml', 'constructor'].some(isEvidenceContentType)).toBe(
      false,
    );
  });
});
