import { useSift } from '@/state/appStore';

/** Loads a picked or dropped file; the store keeps the File itself, not a copy of its bytes. */
export async function readFile(file: File): Promise<void> {
  await useSift.getState().loadFile(file, file.name);
}
