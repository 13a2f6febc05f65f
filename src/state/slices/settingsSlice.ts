import type { StateCreator } from 'zustand';
import type { StoreDeps } from '../deps';
import type { SettingsActions, SiftState } from '../types';
import { guard, saveSettingsOf } from './saving';

export const createSettingsSlice =
  (deps: StoreDeps): StateCreator<SiftState, [], [], SettingsActions> =>
  (set, get) => {
    const save = () => guard(set, () => deps.persistence.saveSettings(saveSettingsOf(get().settings)));
    return {
      updateSetting(key, value) {
        set((s) => {
          const { [key]: _fixed, ...errors } = s.settings.errors;
          return { settings: { overrides: { ...s.settings.overrides, [key]: value }, errors } };
        });
        void save();
      },
      setSettingError(key, message) {
        set((s) => {
          const { [key]: _old, ...errors } = s.settings.errors;
          return { settings: { ...s.settings, errors: message === null ? errors : { ...errors, [key]: message } } };
        });
      },
      resetSettings() {
        set({ settings: { overrides: {}, errors: {} } });
        void save();
      },
    };
  };
