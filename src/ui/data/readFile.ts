import { useSift } from '@/state/appStore';

/** Reads a picked or dropped file's bytes (async, off the main thread's critical path) and loads it. */
export async function readFile(file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  await useSift.getState().loadFile(bytes, file.name);
}
