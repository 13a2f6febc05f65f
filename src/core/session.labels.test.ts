/**
 * The engine session's side of "Find label problems" on real SMS messages with seeded label flips
 * (a slice, for speed): progress, the flagged rows, Cancel, never at once with training, and a
 * Train that applies the person's decisions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OutOfFoldProgress } from './quality/outOfFold';
import type { LabelDecision } from './quality/labelDecisions';
import { EngineSession } from './session';

const DIR = 'tests/fixtures/datasets/sms_spam/';
/** The first 600 records of the noisy file (one line each) and the flipped rows among them. */
const NOISY = new TextEncoder().encode(readFileSync(`${DIR}sms_spam_noisy5.csv`, 'utf8').split('\n').slice(0, 601).join('\n'));
const FLIPPED = new Set(readFileSync(`${DIR}sms_spam_noisy5_flipped.txt`, 'utf8').split(/\s+/).filter(Boolean).map(Number).filter((r) => r <= 600));
const OVERRIDES = { epochs: 3, embeddingDim: 16, hiddenUnits: 16, batchSize: 32, backend: 'wasm' } as const;

describe('EngineSession: label problems', () => {
  const session = new EngineSession();
  session.load(NOISY, {}, 'sms_noisy.csv');

  it('finds them with progress by fold, most suspicious first, mostly among the seeded flips', async () => {
    const progress: OutOfFoldProgress[] = [];
    const found = await session.findLabelIssues(OVERRIDES, 3, { onProgress: (p) => progress.push(p) });
    expect(found).toMatchObject({ rows: 600, folds: 3, labels: ['ham', 'spam'] });
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(new Set(progress.map((p) => p.fold))).toEqual(new Set([1, 2, 3]));
    expect(progress.some((p) => p.etaSeconds !== null && p.etaSeconds > 0)).toBe(true);

    expect(found.issues.length).toBeGreaterThan(0);
    expect(found.issues.map((i) => i.rank)).toEqual([...found.issues.map((i) => i.rank)].sort((a, b) => a - b));
    const lines = new TextDecoder().decode(NOISY).split('\n');
    for (const issue of found.issues) {
      expect(issue.suggested).not.toBe(issue.label);
      expect(issue.flagged).toBe(true);
      // Row N is the file's record N: its line ends with the label the issue says the file gives.
      expect(lines[issue.row].trimEnd().endsWith(`,${issue.label}`)).toBe(true);
    }
    const hits = found.issues.filter((i) => FLIPPED.has(i.row)).length;
    // 600 rows hold ~30 flips (5%); chance would put 5% of the flagged rows among them.
    expect(FLIPPED.size).toBeGreaterThan(20);
    expect(hits / found.issues.length).toBeGreaterThan(0.4);
  }, 120_000);

  it('never runs at once with training, and Cancel ends the search, leaving the session usable', async () => {
    let cancelled = false;
    const search = session.findLabelIssues({ ...OVERRIDES, epochs: 50, earlyStoppingPatience: 0 }, 5, {
      onProgress: () => {
        if (cancelled) return;
        cancelled = true;
        session.cancelLabelIssues();
      },
    });
    await expect(session.train(OVERRIDES, 'x')).rejects.toMatchObject({ code: 'TRAINING_FAILED', message: /label problems/ });
    await expect(session.findLabelIssues(OVERRIDES, 3)).rejects.toMatchObject({ code: 'TRAINING_FAILED' });
    await expect(search).rejects.toMatchObject({ code: 'CANCELLED' });

    const training = session.train({ ...OVERRIDES, epochs: 1 }, 'y');
    await expect(session.findLabelIssues(OVERRIDES, 3)).rejects.toMatchObject({ code: 'TRAINING_FAILED', message: /training run/ });
    await training;
  }, 120_000);

  it('trains with the decisions applied: dropped rows left out, relabelled rows under their new label', async () => {
    const plain = await session.train({ ...OVERRIDES, epochs: 1 }, 'plain');
    // Rows 1–4 of the noisy file: ham, spam (a seeded flip), spam, ham.
    const decisions: LabelDecision[] = [
      { row: 1, given: 'ham', action: 'drop' },
      { row: 2, given: 'spam', action: 'drop' },
      { row: 3, given: 'spam', action: 'relabel', label: 'promo' },
      { row: 4, given: 'ham', action: 'keep' },
    ];
    const corrected = await session.train({ ...OVERRIDES, epochs: 1 }, 'corrected', {}, decisions);
    const examples = (m: typeof plain) => m.model.training.trainExamples + m.model.training.validationExamples;
    expect(examples(plain)).toBe(600);
    expect(examples(corrected)).toBe(598);
    expect(corrected.model.labels).toEqual(['ham', 'promo', 'spam']);
    // The settings still come from the file as read, as the page's form shows them.
    expect(corrected.model.settings).toEqual(plain.model.settings);
  }, 120_000);
});
