/**
 * A word's push in words and in colour classes, from its value (change of the predicted class's
 * log-odds). One rule for the highlight, the legend and the screen reader, so what a person sees
 * and what they hear always agree: the strength is the engine's strengthOf.
 */
import { strengthOf, type Strength } from '@/core/explain/explainWords';
import { formatSignificant } from '../common/format';
import type { T } from '../i18n';

export type PushDirection = 'toward' | 'away' | 'none';

export function directionOf(value: number): PushDirection {
  return value > 0 ? 'toward' : value < 0 ? 'away' : 'none';
}

/** "pushed toward spam, strong" / "pushed away from spam, weak" / "no effect". */
export function describeWordPush(t: T, value: number, label: string): string {
  const direction = directionOf(value);
  if (direction === 'none') return t('explain.push.none');
  return t(`explain.push.${direction}`, { label, strength: t(`explain.strength.${strengthOf(value)}`) });
}

/** CSS modifier for a word's highlight: word--toward-strong, word--away-weak, word--none. */
export function wordClassName(value: number): string {
  const direction = directionOf(value);
  return direction === 'none' ? 'word--none' : `word--${direction}-${strengthOf(value)}`;
}

/** The exact size, for a tooltip: "odds ×3.2 for spam" / "odds ÷1.4 for spam". */
export function describeOddsFactor(t: T, value: number, label: string): string {
  const factor = Math.exp(Math.min(Math.abs(value), 700));
  const shown = factor >= 1e6 ? t('explain.push.overMillion') : formatSignificant(factor, 2);
  return t('explain.push.odds', { sign: value >= 0 ? '×' : '÷', factor: shown, label });
}

/** Legend entries, strongest away → strongest toward. */
export const LEGEND: { direction: 'toward' | 'away'; strength: Strength }[] = [
  { direction: 'away', strength: 'strong' },
  { direction: 'away', strength: 'moderate' },
  { direction: 'away', strength: 'weak' },
  { direction: 'toward', strength: 'weak' },
  { direction: 'toward', strength: 'moderate' },
  { direction: 'toward', strength: 'strong' },
];
