import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { SiftManifest } from '@/core/bundle/types';
import { DATA, runCli } from '../../tests/helpers/runCli';

const tmp = mkdtempSync(join(tmpdir(), 'sift-privacy-'));
const SMS = `${DATA}/sms_spam/sms_spam.csv`;

function bundleFiles(path: string): { manifest: SiftManifest; card: string; weightBytes: number } {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  return { manifest: JSON.parse(strFromU8(files['sift.json'])) as SiftManifest, card: strFromU8(files['README.md']), weightBytes: files['weights.bin'].byteLength };
}

/** What a trained SMS model carries away: no phone numbers, no folders, and compact weights by default. */
describe('CLI: what the SMS bundle takes home', () => {
  it('inspect says what personal data it found, shown masked', async () => {
    const run = await runCli(['inspect', SMS, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/personal {3}[\d,]+ phone numbers, .* in [\d,]+ rows will be masked/);
    expect(run.stderr).toMatch(/row \d+: .*<phone>/);
    expect((run.json.pii as { counts: Record<string, number> }).counts.phone).toBeGreaterThan(300);
  });

  it('trains with masking and uint8 weights by default, recording only the file name', async () => {
    const out = join(tmp, 'masked.sift.zip');
    const run = await runCli(['train', SMS, '--epochs', '1', '--out', out, '--json']);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ weights: 'uint8', bundleBytes: readFileSync(out).byteLength });
    const { manifest, card, weightBytes } = bundleFiles(out);
    expect(manifest.dataset.fileName).toBe('sms_spam.csv');
    expect(JSON.stringify(manifest)).not.toContain(DATA);
    expect(card).not.toContain(DATA);
    expect(manifest.tokenizer.maskPii).toBe(true);
    expect(manifest.vocabulary).toContain('<phone>');
    expect(manifest.vocabulary.filter((t) => /\d{7}/.test(t))).toEqual([]);
    expect(card).toMatch(/Personal data was masked/);
    expect(card).toContain('weights stored as uint8');
    expect(weightBytes).toBe(manifest.vocabulary.length * manifest.settings.embeddingDim + manifest.settings.embeddingDim * manifest.settings.hiddenUnits + manifest.settings.hiddenUnits * (1 + manifest.labels.length) + manifest.labels.length);
  });

  it('keeps personal data with --keep-pii, and says so in the model card', async () => {
    const out = join(tmp, 'kept.sift.zip');
    const run = await runCli(['train', SMS, '--epochs', '1', '--keep-pii', '--weights', 'float32', '--out', out, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/phone numbers, .* are KEPT \(--keep-pii\)/);
    const { manifest, card } = bundleFiles(out);
    expect(manifest.tokenizer.maskPii).toBe(false);
    expect(manifest.settings.maskPii).toBe(false);
    expect(manifest.vocabulary.filter((t) => /\d{7}/.test(t)).length).toBeGreaterThan(100);
    expect(card).toMatch(/Personal data was NOT masked/);
    expect(card).toContain('weights stored as float32');
  });
});
