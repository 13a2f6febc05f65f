/**
 * The two themes of styles.css: the dark values are written twice (for data-theme="dark", and for a
 * dark system before any choice), so they must stay the same; and text stays readable on every
 * surface of both (WCAG contrast at least 4.5:1).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveTheme } from './theme';

const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');

function block(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`styles.css has no ${selector} block`);
  const body = css.slice(start + selector.length + 2, css.indexOf('}', start));
  return new Map([...body.matchAll(/(--[\w-]+|color-scheme):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

const light = block(':root');
const dark = block(":root[data-theme='dark']");
const systemDark = block("  :root:not([data-theme='light'])");

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe('the themes', () => {
  it('gives a dark system the same colours as the Dark choice', () => {
    expect(Object.fromEntries(systemDark)).toEqual(Object.fromEntries(dark));
  });

  it('gives the dark theme a value for every colour the light one has', () => {
    const colours = [...light.keys()].filter((k) => /^#|^rgba?\(/.test(light.get(k) ?? ''));
    expect(colours.filter((k) => !dark.has(k))).toEqual([]);
  });

  it.each([
    ['light', light],
    ['dark', dark],
  ])('keeps text readable in the %s theme', (_name, theme) => {
    const value = (name: string) => (theme.get(name) ?? light.get(name)) as string;
    for (const text of ['--text', '--muted', '--accent']) {
      for (const surface of ['--bg', '--surface', '--surface-2']) expect(contrast(value(text), value(surface)), `${text} on ${surface}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(value('--on-accent'), value('--accent'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(value('--danger'), value('--danger-soft'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(value('--warning'), value('--warning-soft'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(value('--ok'), value('--ok-soft'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(value('--text'), value('--push-toward-strong'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(value('--text'), value('--push-away-strong'))).toBeGreaterThanOrEqual(4.5);
  });

  it('writes every colour through a variable, so the dark theme reaches it', () => {
    const literals = css.split('\n').filter((line) => /#[0-9a-fA-F]{3,8}\b/.test(line) && !/^\s*--[\w-]+:/.test(line));
    expect(literals).toEqual([]);
  });

  it('closes each rule before the next (a rule left open nests the rest under its selector, where it never applies)', () => {
    const open: boolean[] = [];
    const nested: string[] = [];
    let selector = '';
    for (const char of css.replace(/\/\*[\s\S]*?\*\//g, '')) {
      if (char === '{') {
        const atRule = selector.trim().startsWith('@');
        if (open.length > 0 && !open[open.length - 1]) nested.push(selector.trim());
        open.push(atRule);
        selector = '';
      } else if (char === '}') {
        open.pop();
        selector = '';
      } else if (char === ';') selector = '';
      else selector += char;
    }
    expect(nested).toEqual([]);
    expect(open).toEqual([]);
  });

  it('follows the system until the person chooses', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
