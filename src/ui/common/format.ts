/** Number and size formatting for people (en-US grouping; the page is in English). */
const grouped = new Intl.NumberFormat('en-US');

export const formatCount = (n: number) => grouped.format(Math.round(n));

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** A short duration: "0.42 ms", "3.1 ms", "27 ms". */
export function formatMilliseconds(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

/** "rows 3, 17, 52 and 9 more" from a problem's example rows and total count. */
export function formatRows(rows: number[], count: number): string {
  if (rows.length === 0) return '';
  const shown = rows.slice(0, 8);
  const more = count - shown.length;
  const list = shown.map(formatCount).join(', ');
  return `${shown.length === 1 && more <= 0 ? 'row' : 'rows'} ${list}${more > 0 ? ` and ${formatCount(more)} more` : ''}`;
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

export const DELIMITER_NAMES = { ',': 'Comma (,)', ';': 'Semicolon (;)', '\t': 'Tab', '|': 'Pipe (|)' } as const;

const dateTime = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "Jan 5, 02:03 PM": when a run started (an ISO string). */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}
