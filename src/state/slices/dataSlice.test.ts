import { describe, expect, it } from 'vitest';
import { mergeOptions } from './dataSlice';

describe('mergeOptions', () => {
  it.each([
    [{}, { encoding: 'gb18030' }, { encoding: 'gb18030' }],
    [{ delimiter: ';', textColumn: 2 }, { delimiter: '\t', textColumn: undefined }, { delimiter: '\t' }],
    [{ hasHeader: false }, { hasHeader: true }, { hasHeader: true }],
  ] as const)('%j + %j', (base, patch, expected) => {
    expect(mergeOptions(base, patch)).toEqual(expected);
  });
});
