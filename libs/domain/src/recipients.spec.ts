import {
  ADDRESSEE_KINDS,
  AddresseeKind,
  Recipients,
  RecipientContext,
  resolveRecipients,
} from './recipients';

const CTX: RecipientContext = {
  leadUnitCode: 'GS-HOUSING',
  persons: [
    { id: 'p-zhang', name: '张三', unitCodes: ['GS-HOUSING'], duties: ['unit_contact'] },
    { id: 'p-li', name: '李四', unitCodes: ['GS-HOUSING', 'LINXIA'], duties: ['unit_contact', 'verifier'] },
    { id: 'p-wang', name: '王五', unitCodes: [], duties: ['verifier', 'office'] },
    { id: 'p-zhao', name: '赵六', unitCodes: [], duties: ['discipline'] },
    { id: 'p-gov', name: '陈副省长', unitCodes: ['GS-GOV'], duties: [] },
  ],
  posts: [
    { unitCode: 'GS-GOV', title: '分管副省长', holderPersonId: 'p-gov' },
    { unitCode: 'GS-HOUSING', title: '厅长', holderPersonId: null },
    { unitCode: 'LINXIA', title: '州长', holderPersonId: 'p-li' },
    { unitCode: 'DINGXI', title: '州长', holderPersonId: 'p-zhang' },
  ],
};

describe('who a notification request reaches', () => {
  const cases: [AddresseeKind, string, Recipients][] = [
    ['unit', 'GS-HOUSING', { personIds: ['p-zhang', 'p-li'] }],
    ['unit', 'DINGXI', { gap: 'unit DINGXI has no contact (a person with the unit_contact duty)' }],
    ['leader', '陈副省长', { personIds: ['p-gov'] }],
    ['leader', '分管副省长', { personIds: ['p-gov'] }],
    ['leader', '厅长', { gap: 'post 厅长 of unit GS-HOUSING has no holder' }],
    [
      'leader',
      '州长',
      { gap: 'post 州长 exists in several units (LINXIA, DINGXI) and none is the lead unit GS-HOUSING' },
    ],
    ['leader', '省长', { gap: 'no person or post is named 省长' }],
    ['verifier', 'LINXIA', { personIds: ['p-li'] }],
    ['verifier', 'DINGXI', { personIds: ['p-wang'] }],
    ['office', 'GS-2019', { personIds: ['p-wang'] }],
    ['discipline', 'GS-HOUSING', { personIds: ['p-zhao'] }],
  ];
  it.each(cases)('%s %s', (addresseeKind, addressee, expected) => {
    expect(resolveRecipients({ addresseeKind, addressee }, CTX)).toEqual(expected);
  });

  it('covers every addressee kind', () => {
    expect(new Set(cases.map(([k]) => k))).toEqual(new Set(ADDRESSEE_KINDS));
  });

  it('finds the lead unit’s post first when several units have one of that title', () => {
    expect(
      resolveRecipients({ addresseeKind: 'leader', addressee: '州长' }, { ...CTX, leadUnitCode: 'LINXIA' }),
    ).toEqual({
      personIds: ['p-li'],
    });
  });

  it.each(['verifier', 'discipline', 'office'] as const)(
    'names the gap when nobody has the %s duty',
    (kind) => {
      expect(
        resolveRecipients({ addresseeKind: kind, addressee: 'X' }, { ...CTX, persons: [] }),
      ).toHaveProperty('gap');
    },
  );
});
