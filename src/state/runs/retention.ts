import type { RunRecord } from './types';

/**
 * How much of the browser's storage runs may take. Models are most of it (with uint8 weights the
 * SMS sample's is 1.0 MB, THUCNews' 1.7 MB, 20 Newsgroups' 4.9 MB; float32 ones about 5× that); a
 * record without its model is a few KB.
 */
export interface RetentionPolicy {
  /** Models of this many most recent runs are kept … */
  keepModels: number;
  /** … as long as all kept models together stay under this many bytes. */
  maxModelBytes: number;
}

export const RETENTION: RetentionPolicy = { keepModels: 5, maxModelBytes: 200 * 1024 * 1024 };

/**
 * Which runs' models to delete so storage stays bounded: all but the `keepModels` newest, then
 * the oldest of those until the rest fit in `maxModelBytes`. The current model's run and a run
 * still training are never touched; their figures always stay.
 * @param runs newest first
 */
export function modelsToDrop(runs: readonly RunRecord[], currentId: string | null, policy: RetentionPolicy = RETENTION): string[] {
  const protectedRun = (r: RunRecord) => r.id === currentId || r.status === 'training';
  const withModel = runs.filter((r) => r.model !== null);
  const drop = new Set(withModel.filter((r, i) => i >= policy.keepModels && !protectedRun(r)).map((r) => r.id));
  let bytes = withModel.filter((r) => !drop.has(r.id)).reduce((sum, r) => sum + (r.model?.byteLength ?? 0), 0);
  for (let i = withModel.length - 1; i >= 0 && bytes > policy.maxModelBytes; i--) {
    const run = withModel[i];
    if (drop.has(run.id) || protectedRun(run)) continue;
    drop.add(run.id);
    bytes -= run.model?.byteLength ?? 0;
  }
  return [...drop];
}

/** Bytes of all models kept. */
export function keptModelBytes(runs: readonly RunRecord[]): number {
  return runs.reduce((sum, r) => sum + (r.model?.byteLength ?? 0), 0);
}
