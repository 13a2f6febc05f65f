import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA, MALFORMED, runCli } from '../../tests/helpers/runCli';

const tmp = mkdtempSync(join(tmpdir(), 'sift-cli-'));
const notABundle = join(tmp, 'not-a-model.sift.zip');
writeFileSync(notABundle, 'this is not a zip file');

/** Every bad input ends in a coded one-line error, a non-zero exit, and never a stack trace. */
describe('CLI on bad input', () => {
  const cases: { name: string; args: string[]; code: string }[] = [
    { name: 'a missing file', args: ['inspect', join(tmp, 'nope.csv')], code: 'FILE_NOT_FOUND' },
    { name: 'an empty file', args: ['inspect', `${MALFORMED}/empty.csv`], code: 'EMPTY_FILE' },
    { name: 'a PNG renamed .csv', args: ['train', `${MALFORMED}/image_renamed.csv`], code: 'BINARY_FILE' },
    { name: 'random bytes', args: ['train', `${MALFORMED}/random_bytes.csv`], code: 'BINARY_FILE' },
    { name: 'a JSON file', args: ['inspect', `${MALFORMED}/sms_spam.json`], code: 'NOT_TABULAR' },
    { name: 'a header-only file', args: ['train', `${MALFORMED}/header_only.csv`], code: 'HEADER_ONLY' },
    { name: 'a single class', args: ['train', `${MALFORMED}/single_class.csv`], code: 'SINGLE_CLASS' },
    { name: 'an unknown column', args: ['inspect', `${DATA}/trec/trec_test.csv`, '--label-column', 'nope'], code: 'UNKNOWN_COLUMN' },
    { name: 'a bad option value', args: ['train', `${DATA}/trec/trec_test.csv`, '--epochs', 'many'], code: 'INVALID_OPTION' },
    { name: 'an out-of-range option', args: ['train', `${DATA}/trec/trec_test.csv`, '--dropout', '3'], code: 'INVALID_OPTION' },
    { name: 'an unknown flag', args: ['train', `${DATA}/trec/trec_test.csv`, '--epoks', '3'], code: 'INVALID_OPTION' },
    { name: 'more threads than Sift uses', args: ['train', `${DATA}/trec/trec_test.csv`, '--threads', '9'], code: 'INVALID_OPTION' },
    { name: 'an unknown weight format', args: ['train', `${DATA}/trec/trec_test.csv`, '--weights', 'int4'], code: 'INVALID_OPTION' },
    { name: 'a bad bundle', args: ['predict', notABundle, 'hello'], code: 'BAD_BUNDLE' },
  ];

  it.each(cases)('$name → $code', async ({ args, code }) => {
    const run = await runCli([...args, '--json']);
    expect(run.code).not.toBe(0);
    expect(run.json.error).toMatchObject({ code });
    // The data summary may come first (it shows why); the error is one line, and the last.
    const lines = run.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('sift: error'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(new RegExp(`^sift: error ${code}: `));
    expect(run.stderr + run.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack frames
  });
});
