import { describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import { findConfidentLearningIssues, roundHalfToEven } from './confidentLearning';

/** Rows of probabilities → the row-major Float32Array the function takes. */
function matrix(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}

function closeRows(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 9)));
}

describe('findConfidentLearningIssues, worked by hand', () => {
  it('two classes: thresholds, joint, calibration, one pruned row, ranking with a tie', () => {
    const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1]);
    const probs = matrix([
      [0.9, 0.1],
      [0.8, 0.2],
      [0.7, 0.3],
      [0.2, 0.8], // labelled 0, confidently 1
      [0.1, 0.9],
      [0.3, 0.7],
      [0.6, 0.4], // labelled 1, predicted 0, but below class 0's threshold: not confident
    ]);
    const r = findConfidentLearningIssues(labels, probs, 2);
    // t0 = mean(.9, .8, .7, .2) = .65; t1 = mean(.9, .7, .4) = .6667
    expect(r.thresholds[0]).toBeCloseTo(0.65, 6);
    expect(r.thresholds[1]).toBeCloseTo(2 / 3, 6);
    expect(Array.from(r.confidentClass)).toEqual([0, 0, 0, 1, 1, 1, -1]);
    expect(r.confidentJoint).toEqual([
      [3, 1],
      [0, 2],
    ]);
    // Row 0 sums to 4 = its count; row 1 sums to 2, rescaled to its 3 rows.
    closeRows(r.calibratedJoint, [
      [3, 1],
      [0, 3],
    ]);
    expect(Array.from(r.predicted)).toEqual([0, 0, 0, 1, 1, 1, 0]);
    // A disagreeing prediction alone is not enough: row 6 is not flagged.
    expect(Array.from(r.flagged)).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(Array.from(r.selfConfidence)).toEqual(Array.from(Float32Array.from([0.9, 0.8, 0.7, 0.2, 0.9, 0.7, 0.4])));
    // 0.7 twice (rows 2 and 5) and 0.9 twice (rows 0 and 4): the file's order breaks ties.
    expect(Array.from(r.ranking)).toEqual([3, 6, 2, 5, 1, 0, 4]);
    expect(Array.from(r.issues)).toEqual([3]);
  });

  it('three classes: the 1e-6 threshold tolerance, calibration to 2.5 rounded half to even, a joint with an off-diagonal in two rows', () => {
    const labels = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    const probs = matrix([
      [0.9, 0.05, 0.05],
      [0.8, 0.1, 0.1],
      [0.1, 0.8, 0.1], // 0 → confidently 1
      [0.2, 0.7, 0.1], // 0 → confidently 1
      [0.3, 0.4, 0.3], // 0, predicted 1, reaches no threshold: outside the joint
      [0.2, 0.7, 0.1],
      [0.3, 0.6, 0.1], // reaches no threshold
      [0.1, 0.65, 0.25], // p1 = 0.65f sits 2e-8 below t1 (a double): counted thanks to the tolerance
      [0.1, 0.1, 0.8],
      [0.2, 0.1, 0.7],
      [0.5, 0.1, 0.4], // 2 → confidently 0
    ]);
    const r = findConfidentLearningIssues(labels, probs, 3);
    expect(Array.from(r.thresholds, (t) => Number(t.toFixed(6)))).toEqual([0.46, 0.65, 0.633333]);
    expect(Math.fround(0.65)).toBeLessThan(r.thresholds[1]);
    expect(Array.from(r.confidentClass)).toEqual([0, 0, 1, 1, -1, 1, -1, 1, 2, 2, 0]);
    expect(r.confidentJoint).toEqual([
      [2, 2, 0],
      [0, 2, 0],
      [1, 0, 2],
    ]);
    closeRows(r.calibratedJoint, [
      [2.5, 2.5, 0],
      [0, 3, 0],
      [1, 0, 2],
    ]);
    // round(2.5) = 2 rows of label 0 with the largest p1 − p0: rows 2 (.7) and 3 (.5), not
    // row 4 (.1), which rounding half up would have flagged too (its prediction disagrees).
    expect(Array.from(r.predicted)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 0]);
    expect(Array.from(r.flagged)).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(r.ranking)).toEqual([2, 3, 4, 10, 6, 7, 5, 9, 1, 8, 0]);
    expect(Array.from(r.issues)).toEqual([2, 3, 10]);
  });

  it('prunes by margin toward the confident class, not by self-confidence', () => {
    const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 2, 2]);
    const probs = matrix([
      [0.9, 0.05, 0.05],
      [0.9, 0.05, 0.05],
      [0.2, 0.45, 0.35], // lowest self-confidence, margin p1 − p0 = .25
      [0.25, 0.7, 0.05], // margin .45: the one pruned
      [0.1, 0.8, 0.1],
      [0.1, 0.6, 0.3],
      [0.1, 0.1, 0.8],
      [0.05, 0.15, 0.8],
    ]);
    const r = findConfidentLearningIssues(labels, probs, 3);
    expect(r.confidentJoint).toEqual([
      [2, 1, 0],
      [0, 1, 0],
      [0, 0, 2],
    ]);
    closeRows(r.calibratedJoint, [
      [8 / 3, 4 / 3, 0],
      [0, 2, 0],
      [0, 0, 2],
    ]);
    expect(Array.from(r.issues)).toEqual([3]);
    // The ranking still puts row 2 first: `ranked` is over every row, flagged or not.
    expect(r.ranking[0]).toBe(2);
    expect(r.flagged[2]).toBe(0);
  });

  it('a pruned row whose prediction agrees with its label is not flagged', () => {
    const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 2, 2, 0, 0]);
    const probs = matrix([
      [0.9, 0.05, 0.05],
      [0.1, 0.8, 0.1], // 0 → confidently 1
      [0.5, 0.4, 0.1],
      [0.2, 0.75, 0.05], // 0 → confidently 1
      [0.1, 0.8, 0.1],
      [0.2, 0.7, 0.1],
      [0.1, 0.1, 0.8],
      [0.1, 0.2, 0.7],
      [0.4, 0.35, 0.25], // rows 8 and 9 reach no threshold, so calibration scales row 0 of the joint
      [0.4, 0.35, 0.25],
    ]);
    const r = findConfidentLearningIssues(labels, probs, 3);
    expect(r.confidentJoint).toEqual([
      [2, 2, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    closeRows(r.calibratedJoint, [
      [3, 3, 0],
      [0, 2, 0],
      [0, 0, 2],
    ]);
    // (0 → 1) prunes 3 rows: margins .7 (row 1), .55 (row 3), then −.05 (row 8, before its twin
    // row 9), whose prediction is its own label 0, so only rows 1 and 3 stay flagged.
    expect(r.predicted[8]).toBe(0);
    expect(Array.from(r.flagged)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(r.ranking)).toEqual([1, 3, 8, 9, 2, 5, 7, 4, 6, 0]);
    expect(Array.from(r.issues)).toEqual([1, 3]);
  });

  it('ties: the lowest class index wins the argmax and the confident class; equal self-confidence keeps file order', () => {
    const labels = Int32Array.from([0, 0, 1, 1]);
    const probs = matrix([
      [0.5, 0.5],
      [0.4, 0.6],
      [0.5, 0.5],
      [0.6, 0.4],
    ]);
    const r = findConfidentLearningIssues(labels, probs, 2);
    // t0 = t1 = .45: rows 0 and 2 reach both thresholds with equal probabilities.
    expect(Array.from(r.confidentClass)).toEqual([0, 1, 0, 0]);
    expect(Array.from(r.predicted)).toEqual([0, 1, 0, 0]);
    expect(r.confidentJoint).toEqual([
      [1, 1],
      [2, 0],
    ]);
    // (0 → 1): 1 row, the larger margin (row 1); (1 → 0): 2 rows, i.e. both of label 1.
    expect(Array.from(r.flagged)).toEqual([0, 1, 1, 1]);
    // Self-confidence .5, .4, .5, .4: rows 1 and 3 tie, then rows 0 and 2.
    expect(Array.from(r.ranking)).toEqual([1, 3, 0, 2]);
    expect(Array.from(r.issues)).toEqual([1, 3, 2]);
  });

  it('a class no row is labelled with has no threshold and is never a confident class', () => {
    const labels = Int32Array.from([0, 0, 1, 1]);
    const probs = matrix([
      [0.8, 0.1, 0.1],
      [0.1, 0.1, 0.8], // predicted 2, a class without rows
      [0.1, 0.8, 0.1],
      [0.2, 0.7, 0.1],
    ]);
    const r = findConfidentLearningIssues(labels, probs, 3);
    expect(Number.isNaN(r.thresholds[2])).toBe(true);
    expect(Array.from(r.confidentClass)).toEqual([0, -1, 1, -1]);
    expect(r.confidentJoint).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
    closeRows(r.calibratedJoint, [
      [2, 0, 0],
      [0, 2, 0],
      [0, 0, 0],
    ]);
    expect(Array.from(r.flagged)).toEqual([0, 0, 0, 0]);
    expect(Array.from(r.ranking)).toEqual([1, 3, 0, 2]);
    expect(r.issues).toHaveLength(0);
  });

  it('no rows: empty results, no error', () => {
    const r = findConfidentLearningIssues(new Int32Array(0), new Float32Array(0), 2);
    expect(r.issues).toHaveLength(0);
    expect(r.confidentJoint).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it.each([
    { name: 'too few probabilities', labels: [0, 1], probs: [0.5, 0.5, 0.5], k: 2, message: /Expected 2 × 2/ },
    { name: 'a label out of range', labels: [0, 2], probs: [0.5, 0.5, 0.5, 0.5], k: 2, message: /Label 2 of row index 1/ },
    { name: 'no classes', labels: [], probs: [], k: 0, message: /numClasses/ },
  ])('rejects $name with INVALID_OPTION', ({ labels, probs, k, message }) => {
    const call = () => findConfidentLearningIssues(Int32Array.from(labels), Float32Array.from(probs), k);
    expect(call).toThrow(SiftError);
    expect(call).toThrow(message);
  });
});

describe('roundHalfToEven (Python round, as the reference rounds calibrated counts)', () => {
  it.each([
    [0, 0],
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [3.5, 4],
    [2.4999999, 2],
    [2.5000001, 3],
    [7 / 3, 2],
  ])('%d → %d', (x, expected) => {
    expect(roundHalfToEven(x)).toBe(expected);
  });
});
