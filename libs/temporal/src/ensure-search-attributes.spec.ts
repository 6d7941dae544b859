import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_TYPES } from './ensure-search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;

describe('search attribute types, as the server and the Temporal CLI name them', () => {
  it.each(Object.values(SearchAttributeType))(
    'maps %s to its indexed value type and CLI type name',
    (type) => {
      const { indexed, cli } = SEARCH_ATTRIBUTE_TYPES[type];
      expect(IndexedValueType[indexed]).toBe(`INDEXED_VALUE_TYPE_${type}`);
      // The CLI's --type takes the type in PascalCase: KEYWORD_LIST → KeywordList.
      expect(cli.toUpperCase()).toBe(type.replace('_', ''));
    },
  );
});
