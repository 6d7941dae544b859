import { isMailAddress } from './mail-address';

describe('isMailAddress', () => {
  it.each([
    'leader@example.org',
    'zhang.san+gs2019@mail.gansu.gov.cn',
    "o'brien@example.co.uk",
    '张三@例子.中国',
    // A dev or intranet host without a dot is not obviously wrong.
    'office@localhost',
  ])('accepts %s', (address) => {
    expect(isMailAddress(address)).toBe(true);
  });

  it.each([
    '',
    'not-an-address',
    'a@',
    '@example.org',
    'a@@example.org',
    'a b@example.org',
    ' a@example.org',
    'a@example.org, evil@example.net',
    'a@example.org;evil@example.net',
    'Leader <a@example.org>',
    'a@example.org\r\nBcc: evil@example.net',
    '.a@example.org',
    'a.@example.org',
    'a..b@example.org',
    'a@-example.org',
    'a@example-.org',
    'a@example..org',
    'a@example.org.',
    'a@[127.0.0.1]',
    `${'a'.repeat(250)}@x.org`,
  ])('refuses %j', (address) => {
    expect(isMailAddress(address)).toBe(false);
  });
});
