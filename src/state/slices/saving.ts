import { storageProblem } from '../storageProblem';
import type { SavedSettings } from '../persistence';
import type { SettingsState, SiftState } from '../types';

type SetState = (partial: Partial<SiftState> | ((s: SiftState) => Partial<SiftState>)) => void;

/** Saving is best effort: a failure is shown in the header and never stops the work. */
export async function guard(set: SetState, save: () => Promise<void>): Promise<void> {
  try {
    await save();
  } catch (e) {
    set((s) => ({ workspace: { ...s.workspace, notice: { kind: 'save-failed', detail: storageProblem(e) } } }));
  }
}

export function saveSettingsOf(settings: SettingsState): SavedSettings {
  return { overrides: settings.overrides };
}
