/**
 * Every language says everything: the same keys (each language's plural forms as Intl.PluralRules
 * names them), no empty text, the same markup, and no variable a sentence would leave unfilled.
 */
import { describe, expect, it } from 'vitest';
import { en } from './locales/en';
import { zh } from './locales/zh';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Keys without their plural suffix, each with the plural forms it has. */
function byBase(flat: Map<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of flat.keys()) {
    const match = PLURAL.exec(key);
    const base = match ? key.slice(0, -match[0].length) : key;
    const forms = out.get(base) ?? new Set<string>();
    if (match) forms.add(match[1]);
    out.set(base, forms);
  }
  return out;
}

const variables = (text: string): Set<string> => new Set([...text.matchAll(/\{\{\s*([\w]+)/g)].map((m) => m[1]));
const tags = (text: string): string[] => [...text.matchAll(/<\/?(\w+)\s*\/?>/g)].map((m) => m[0]).sort();

const LANGUAGES = { en: { tree: en as Tree, locale: 'en' }, 'zh-CN': { tree: zh as Tree, locale: 'zh-CN' } };
const english = flatten(LANGUAGES.en.tree);
const englishBases = byBase(english);

describe.each(Object.entries(LANGUAGES))('the %s catalogue', (_name, { tree, locale }) => {
  const flat = flatten(tree);
  const bases = byBase(flat);
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;

  it('has every key of the English catalogue and no other', () => {
    expect([...bases.keys()].sort()).toEqual([...englishBases.keys()].sort());
  });

  it("gives each plural text exactly the forms the language's plural rules use", () => {
    for (const [base, forms] of bases) {
      if (englishBases.get(base)?.size === 0) expect(forms.size, base).toBe(0);
      else expect([...forms].sort(), base).toEqual([...categories].filter((c) => c === 'one' || c === 'other').sort());
    }
  });

  it('has no empty text', () => {
    for (const [key, text] of flat) expect(text.trim(), key).not.toBe('');
  });

  it('uses only variables the English text is given, and the same markup', () => {
    const englishOf = (key: string) => english.get(key) ?? english.get(key.replace(PLURAL, '_other')) ?? '';
    for (const [key, text] of flat) {
      const given = variables(englishOf(key));
      // `count` is given with every plural text, whether or not a language writes it.
      if (PLURAL.test(key)) given.add('count');
      for (const name of variables(text)) expect(given.has(name), `${key}: {{${name}}}`).toBe(true);
      expect(tags(text), key).toEqual(tags(englishOf(key)));
    }
  });
});

describe('a missing translation', () => {
  it('is caught by the check above (a catalogue without one key fails it)', () => {
    const { tryIt, ...rest } = zh;
    const { showTop: _dropped, ...partial } = tryIt;
    const bases = byBase(flatten({ ...rest, tryIt: partial } as Tree));
    expect([...bases.keys()].sort()).not.toEqual([...englishBases.keys()].sort());
  });
});
