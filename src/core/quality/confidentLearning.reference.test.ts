/**
 * Cross-check against the benchmark's reference, ../shared/tools/label_noise_ref.py: its own
 * confident-learning lines (from "# confident joint" to the argmax filter), run by python3 with
 * numpy on seeded random probability matrices, must give the same joint and the same flags.
 * Skipped, saying why, where ../shared or python3 with numpy is missing (CI has neither); the
 * hand-worked cases in confidentLearning.test.ts cover the rules everywhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { findConfidentLearningIssues } from './confidentLearning';

const REFERENCE = fileURLToPath(new URL('../../../../shared/tools/label_noise_ref.py', import.meta.url));

function skipReason(): string | null {
  if (!existsSync(REFERENCE)) return `${REFERENCE} is not here`;
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return 'python3 with numpy is not installed';
  return null;
}

/** The reference's confident-learning block, verbatim. */
function referenceBlock(): string {
  const lines = readFileSync(REFERENCE, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('# confident joint'));
  const end = lines.findIndex((l) => l.startsWith('flag &= P.argmax(1) != y'));
  if (start < 0 || end < start) throw new Error(`cannot find the confident-learning block in ${REFERENCE}`);
  return lines.slice(start, end + 1).join('\n');
}

/**
 * n rows of k probabilities: 85% of rows favour their given label and 15% the next class (a
 * systematic confusion, as real label noise often is), with noise so that thresholds and margins
 * vary; 15% of rows are vague (nearly flat, leaning to their label), so they reach no threshold,
 * calibration scales the joint up, and pruning reaches rows whose prediction agrees with their
 * label (the last rule's case).
 */
function syntheticCase(n: number, k: number, seed: number): { labels: Int32Array; probs: Float32Array } {
  const random = createRandom(seed);
  const labels = new Int32Array(n);
  const probs = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    labels[i] = i < k ? i : Math.floor(random() * k); // every class has rows
    const vague = random() < 0.15;
    const truth = random() < 0.85 ? labels[i] : (labels[i] + 1) % k;
    const logits = Array.from({ length: k }, (_, j) =>
      vague ? random() * 0.5 + (j === labels[i] ? 0.3 : 0) : random() * 1.5 + (j === truth ? 1.5 + random() * 3 : 0),
    );
    const max = Math.max(...logits);
    const exp = logits.map((l) => Math.exp(l - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    exp.forEach((e, j) => (probs[i * k + j] = e / sum));
  }
  return { labels, probs };
}

const reason = skipReason();

describe.skipIf(reason !== null)(`agrees with label_noise_ref.py's rules${reason ? ` (skipped: ${reason})` : ''}`, () => {
  it.each([
    { n: 3000, k: 2, seed: 1 },
    { n: 3000, k: 4, seed: 2 },
    { n: 2000, k: 7, seed: 3 },
  ])('n $n, k $k', ({ n, k, seed }) => {
    const { labels, probs } = syntheticCase(n, k, seed);
    const program = [
      'import json, sys',
      'import numpy as np',
      'd = json.load(sys.stdin)',
      "N, K = d['n'], d['k']",
      "P = np.array(d['P'], dtype=np.float64).reshape(N, K)",
      "y = np.array(d['y'])",
      referenceBlock().replace('flag &=', 'pruned = flag.copy()\nflag &='),
      "print(json.dumps({'C': C.tolist(), 'flag': flag.astype(int).tolist(), 'unflagged': int((pruned & ~flag).sum())}))",
    ].join('\n');
    const run = spawnSync('python3', ['-c', program], {
      // Each float32 value printed as the double it is, so numpy reads exactly the same numbers.
      input: JSON.stringify({ n, k, P: Array.from(probs), y: Array.from(labels) }),
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(run.stderr).toBe('');
    const reference = JSON.parse(run.stdout) as { C: number[][]; flag: number[]; unflagged: number };
    const ours = findConfidentLearningIssues(labels, probs, k);
    expect(ours.confidentJoint).toEqual(reference.C);
    expect(Array.from(ours.flagged)).toEqual(reference.flag);
    // Not a vacuous agreement: the noise makes the method flag a good share of rows, and the
    // vague rows make the last rule (prediction must disagree) remove some pruned ones.
    expect(ours.issues.length).toBeGreaterThan(n * 0.03);
    expect(reference.unflagged).toBeGreaterThan(0);
  });
});
