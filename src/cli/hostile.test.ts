import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '@/core/bundle/export';
import { HOSTILE_BUNDLES } from '../../tests/helpers/hostileBundles';
import { trecModel } from '../../tests/helpers/testModel';
import { runCli } from '../../tests/helpers/runCli';

const tmp = mkdtempSync(join(tmpdir(), 'sift-hostile-'));

/** Labels a stranger's bundle might carry to take over a terminal. */
const ESCAPE_LABELS = [
  '\x1b[2J\x1b[Hcleared', // erase the screen, cursor home
  '\x1b]0;pwned\x07title', // OSC: window title
  '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\', // OSC 8: a hidden hyperlink
  '\x9b31mc1', // 8-bit CSI
  'over\rwrite', // carriage return: overwrite the line
  'abc\u202edecoy', // right-to-left override
];
/** Anything a terminal acts on: ESC, BEL, C1, CR, bidi overrides. */
const TERMINAL_CONTROL = /[\x1b\x07\r\x80-\x9f\u202a-\u202e\u2066-\u2069]/;

let escapes: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = trecModel();
  const valid = await exportBundle(model, { weights: 'float32' });
  escapes = join(tmp, 'escapes.sift.zip');
  writeFileSync(escapes, await exportBundle({ ...model, manifest: { ...model.manifest, name: '\x1b]0;evil\x07model', labels: ESCAPE_LABELS } }));
  for (const hostile of HOSTILE_BUNDLES.filter((h) => ['bomb', 'lying-weights', 'huge-weights'].includes(h.id))) {
    writeFileSync(join(tmp, `${hostile.id}.sift.zip`), hostile.build(valid));
  }
});

describe('CLI on a bundle from a stranger', () => {
  it('predict prints labels without their escape sequences; --json keeps them as data', async () => {
    const human = await runCli(['predict', escapes, 'How far is Denver from Aspen?', 'Who wrote Hamlet?']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('cleared');
    expect(human.stdout + human.stderr).not.toMatch(TERMINAL_CONTROL);
    const json = await runCli(['predict', escapes, 'How far is Denver from Aspen?', '--json']);
    expect(json.code).toBe(0);
    expect(Object.keys(json.json.probabilities as object).sort()).toEqual([...ESCAPE_LABELS].sort());
    expect(json.stdout).not.toMatch(TERMINAL_CONTROL);
  });

  it('eval prints the per-class table and confusion matrix without escape sequences', async () => {
    const csv = join(tmp, 'escapes.csv');
    writeFileSync(csv, ['text,label', ...ESCAPE_LABELS.map((l, i) => `question number ${i},"${l}"`)].join('\n'));
    const run = await runCli(['eval', escapes, csv]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('confusion');
    expect(run.stdout + run.stderr).not.toMatch(TERMINAL_CONTROL);
  });

  it('inspect prints a file whose labels hold escape sequences without them', async () => {
    const csv = join(tmp, 'escapes.csv');
    const run = await runCli(['inspect', csv]);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(TERMINAL_CONTROL);
  });

  it.each([
    ['bomb', 'BUNDLE_TOO_LARGE'],
    ['lying-weights', 'BUNDLE_TOO_LARGE'],
    ['huge-weights', 'BUNDLE_BAD_WEIGHTS'],
  ])('refuses the %s bundle with %s, in one line', async (id, code) => {
    const run = await runCli(['predict', join(tmp, `${id}.sift.zip`), 'hello', '--json']);
    expect(run.code).toBe(1);
    expect(run.json.error).toMatchObject({ code });
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a file larger than any bundle from its size, without reading it', async () => {
    const huge = join(tmp, 'huge.sift.zip');
    writeFileSync(huge, '');
    truncateSync(huge, 8 * 2 ** 30); // sparse: 8 GiB declared, nothing written
    const run = await runCli(['predict', huge, 'hello', '--json']);
    expect(run.json.error).toMatchObject({ code: 'BUNDLE_TOO_LARGE', message: expect.stringMatching(/8,589,934,592 bytes.*It was not read/) });
  });
});
