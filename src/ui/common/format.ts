/**
 * Numbers, sizes, durations and dates for people, in the page's language: every figure goes
 * through Intl with the current locale (the CLI and the model card keep core/format.ts).
 */
import { currentLocale, i18n } from '../i18n';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${currentLocale()}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(currentLocale(), options);
    numberFormats.set(key, format);
  }
  return format;
}

export const formatCount = (n: number): string => numberFormat().format(Math.round(n));

/** Any number as written, grouped: 2147483647 → "2,147,483,647", 0.000001 → "0.000001". */
export const formatNumber = (n: number): string => numberFormat({ maximumFractionDigits: 10 }).format(n);

/** 0.9123 → "91.2%" (digits after the point, as core/format.ts formatPercent). */
export function formatPercent(x: number, digits = 1): string {
  return numberFormat({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

/** A score such as F1 with a fixed number of decimals: 0.9731 → "0.973". */
export function formatDecimal(x: number, digits = 3): string {
  return numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(x);
}

/** A value with up to `digits` significant digits (odds factors): 3.24 → "3.2". */
export function formatSignificant(x: number, digits = 2): string {
  return numberFormat({ maximumSignificantDigits: digits }).format(x);
}

export function formatBytes(bytes: number): string {
  const fixed = (x: number, digits: number) => numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
  if (bytes < 1024) return `${formatCount(bytes)} B`;
  if (bytes < 1024 * 1024) return `${fixed(bytes / 1024, bytes < 10 * 1024 ? 1 : 0)} KB`;
  if (bytes < 1024 ** 3) return `${fixed(bytes / (1024 * 1024), 1)} MB`;
  return `${fixed(bytes / 1024 ** 3, 1)} GB`;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 1) return i18n.t('common.format.underSecond');
  if (seconds < 90) return i18n.t('common.format.seconds', { n: formatCount(seconds) });
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  return rest === 0 ? i18n.t('common.format.minutes', { m: formatCount(minutes) }) : i18n.t('common.format.minutesSeconds', { m: formatCount(minutes), s: formatCount(rest) });
}

/** "about 12 s", or "under a second" (never "about under a second"). */
export function formatAbout(seconds: number): string {
  return seconds < 1 ? formatSeconds(seconds) : i18n.t('common.format.about', { time: formatSeconds(seconds) });
}

/** A short duration: "0.42 ms", "3.1 ms", "27 ms". */
export function formatMilliseconds(ms: number): string {
  const digits = ms < 1 ? 2 : ms < 10 ? 1 : 0;
  return `${numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ms)} ms`;
}

/** Items joined as the language joins a list ("a, b, c" / "a、b、c"). */
export function formatList(items: readonly string[]): string {
  return items.join(i18n.t('common.format.listSeparator'));
}

/** Long cells would make the preview unreadable: show the start and say it goes on. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GB18030',
  gbk: 'GBK',
  big5: 'Big5',
  shift_jis: 'Shift_JIS',
  'euc-jp': 'EUC-JP',
  'euc-kr': 'EUC-KR',
  'windows-1252': 'Windows-1252',
  'iso-8859-1': 'ISO-8859-1',
  'iso-8859-2': 'ISO-8859-2',
  'windows-1251': 'Windows-1251',
  'koi8-r': 'KOI8-R',
};

export const ENCODING_CHOICES = Object.keys(ENCODING_NAMES);

export function encodingName(name: string): string {
  return ENCODING_NAMES[name.toLowerCase()] ?? name.toUpperCase();
}

/** The delimiters a person can choose, by the catalogue key of their names. */
export const DELIMITER_KEYS = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' } as const;

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/** "Jan 5, 02:03 PM" / "1月5日 14:03": when a run started (an ISO string). */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = currentLocale();
  let format = dateTimes.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    dateTimes.set(locale, format);
  }
  return format.format(date);
}
