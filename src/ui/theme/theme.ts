/**
 * Light or dark: the person's choice (kept in localStorage), or the system's
 * (`prefers-color-scheme`) until they make one. The page's colours are CSS variables switched by
 * `data-theme` on <html>; the stylesheet also follows the system on its own before any script
 * runs, so a dark system never flashes a light page.
 */
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const STORAGE_KEY = 'sift.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

function storedChoice(): ThemeChoice {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' || stored === 'system' ? stored : 'system';
  } catch {
    return 'system';
  }
}

function systemDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

function apply(theme: Theme): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
}

interface ThemeState {
  choice: ThemeChoice;
  theme: Theme;
  choose(choice: ThemeChoice): void;
}

export const useTheme = create<ThemeState>()((set) => {
  const choice = storedChoice();
  const theme = resolveTheme(choice, systemDark());
  apply(theme);
  if (typeof matchMedia === 'function') {
    matchMedia(DARK_QUERY).addEventListener('change', (e) =>
      set((s) => {
        const next = resolveTheme(s.choice, e.matches);
        apply(next);
        return { theme: next };
      }),
    );
  }
  return {
    choice,
    theme,
    choose(next) {
      try {
        globalThis.localStorage?.setItem(STORAGE_KEY, next);
      } catch {
        // Not remembered, but the page still switches.
      }
      const resolved = resolveTheme(next, systemDark());
      apply(resolved);
      set({ choice: next, theme: resolved });
    },
  };
});

/** The colours charts draw with (canvas cannot read CSS), taken from the theme's CSS variables. */
export interface ChartPalette {
  axis: string;
  grid: string;
  tick: string;
  train: string;
  trainSoft: string;
  validation: string;
  marker: string;
  markerText: string;
  runA: string;
  runB: string;
}

/** The light theme's values: what a page without a stylesheet (tests in Node) draws with. */
const LIGHT: ChartPalette = {
  axis: '#4b5563',
  grid: '#e5e7eb',
  tick: '#d1d5db',
  train: '#4f46e5',
  trainSoft: 'rgba(79, 70, 229, 0.35)',
  validation: '#c2410c',
  marker: '#6b7280',
  markerText: '#374151',
  runA: '#4f46e5',
  runB: '#c2410c',
};

const VARIABLES: Record<keyof ChartPalette, string> = {
  axis: '--chart-axis',
  grid: '--chart-grid',
  tick: '--chart-tick',
  train: '--chart-train',
  trainSoft: '--chart-train-soft',
  validation: '--chart-validation',
  marker: '--chart-marker',
  markerText: '--chart-marker-text',
  runA: '--chart-run-a',
  runB: '--chart-run-b',
};

/** Reads the palette of the theme in force now (call again when the theme changes). */
export function chartPalette(): ChartPalette {
  if (typeof document === 'undefined' || typeof getComputedStyle !== 'function') return LIGHT;
  const style = getComputedStyle(document.documentElement);
  const palette = { ...LIGHT };
  for (const key of Object.keys(VARIABLES) as (keyof ChartPalette)[]) {
    const value = style.getPropertyValue(VARIABLES[key]).trim();
    if (value) palette[key] = value;
  }
  return palette;
}
