/**
 * Reading a BackendReport (types.ts) without tfjs: the page and the CLI import this to write their
 * sentences about which backend ran and why.
 */
import type { PathSpeeds, TrainingPath } from './types';

/** The fastest measured path of a backend, or null when nothing was measured. */
export function fastestPath(speeds: PathSpeeds | undefined): { path: TrainingPath; examplesPerSecond: number } | null {
  let best: { path: TrainingPath; examplesPerSecond: number } | null = null;
  // On a tie the earlier of this order wins, the order candidatePaths (trainingPath.ts) measures in.
  for (const path of ['graph', 'sparse'] as const) {
    const speed = speeds?.[path];
    if (speed !== undefined && (best === null || speed > best.examplesPerSecond)) best = { path, examplesPerSecond: speed };
  }
  return best;
}
