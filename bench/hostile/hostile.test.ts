import { describe, expect, it } from 'vitest';
import { renderHostileMarkdown } from './markdown';
import type { HostileSection } from './types';
import { parseOptions, wantsSection } from '../options';

describe('hostile-bundles options', () => {
  it.each([
    [[], true, true],
    [['--quick'], true, true],
    [['--only', 'trec'], false, false],
    [['--only', 'trec', '--hostile'], false, true],
    [['--no-hostile'], true, false],
    [['--hostile-only'], false, true],
    [['--hostile-only', '--browser'], true, true],
    [['--browser-only'], true, false],
  ])('%j: browser part %s, hostile part %s', (argv, browser, hostile) => {
    const options = parseOptions(argv);
    expect(wantsSection(options, 'browser')).toBe(browser);
    expect(wantsSection(options, 'hostile')).toBe(hostile);
  });

  it('refuses a contradiction, and runs several --PART-only parts together', () => {
    expect(() => parseOptions(['--hostile-only', '--no-hostile'])).toThrow(/contradict/);
    const both = parseOptions(['--hostile-only', '--browser-only']);
    expect([wantsSection(both, 'hostile'), wantsSection(both, 'browser'), wantsSection(both, 'label-issues')]).toEqual([true, true, false]);
  });
});

describe('renderHostileMarkdown', () => {
  const refusal = (errorCode: string | null, seconds: number, peakMiB: number | null) => ({ errorCode, seconds, peakMiB });
  const section: HostileSection = {
    valid: { id: 'valid', fileBytes: 200_000, cli: refusal(null, 4.9, 181), inProcess: refusal(null, 0.08, 175), page: refusal(null, 1.2, 584) },
    cases: [
      { id: 'bomb', what: 'zip bomb', expected: 'BUNDLE_TOO_LARGE', fileBytes: 6_400_000, cli: refusal('BUNDLE_TOO_LARGE', 3.9, 169), inProcess: refusal('BUNDLE_TOO_LARGE', 0.016, 171), page: refusal('BUNDLE_TOO_LARGE', 0.3, 600) },
      { id: 'x', what: 'opened by mistake', expected: 'BUNDLE_ENTRY_NAME', fileBytes: 1000, cli: refusal(null, 3, 170), inProcess: refusal('BAD_BUNDLE', 0.01, null), page: null },
    ],
    pageError: null,
  };

  it('one row per bundle, the valid one first, and a wrong outcome in bold', () => {
    const md = renderHostileMarkdown(section);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| bundle') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^\| valid bundle .* \| opened \| 4\.90 \| 181 \| 0\.080 \| 175 \| opened \| 1\.20 \| 584 \|$/);
    expect(rows[1]).toMatch(/\| zip bomb \| 6\.4 \| BUNDLE_TOO_LARGE \| 3\.90 \| 169 \| 0\.016 \| 171 \| BUNDLE_TOO_LARGE \| 0\.30 \| 600 \|$/);
    expect(rows[2]).toContain('**opened** (expected BUNDLE_ENTRY_NAME)');
    expect(rows[2]).toContain('| 0.010 **BAD_BUNDLE** (expected BUNDLE_ENTRY_NAME) |');
    expect(rows[2]).toMatch(/\| n\/a \| n\/a \| n\/a \|$/);
  });
});
