import { neutraliseText, unneutraliseText } from './spreadsheet-cell';

describe('formula injection on export: text that a spreadsheet could run is neutralised', () => {
  it.each<[string, string]>([
    ['=HYPERLINK("http://example.invalid","点击")', '\'=HYPERLINK("http://example.invalid","点击")'],
    ['+86 931 000', "'+86 931 000"],
    ['-P7D', "'-P7D"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['9月底前完成', '9月底前完成'],
    ['2.65万户', '2.65万户'],
    ["'quoted", "'quoted"],
  ])('%j is written as %j', (text, written) => {
    expect(neutraliseText(text)).toBe(written);
  });

  it.each(['=1+1', '+x', '-P3D', '@x', 'plain', "'plain"])('reads %j back as it was', (text) => {
    expect(unneutraliseText(neutraliseText(text))).toBe(text);
  });
});
