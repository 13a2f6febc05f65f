/**
 * The detectors of pii.ts for numbers written with digits: Chinese resident ID numbers, phone and
 * payment card numbers (digit groups with separators), and any other run of 7 or more digits,
 * with the checksums that tell them apart (ISO 7064 MOD 11-2, Luhn).
 */
import type { PiiKind, PiiSpan } from './pii';

// ---------------------------------------------------------------------------------------------
// Chinese resident ID numbers (GB 11643-1999)

/** 6-digit region, 8-digit birth date, 3-digit sequence, check character; also written 6-8-4 with spaces. */
const ID_CANDIDATE = /(?<![0-9])\d{6} ?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]) ?\d{3}[0-9Xx](?![0-9])/g;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function findIdNumbers(text: string, found: PiiSpan[]): void {
  ID_CANDIDATE.lastIndex = 0;
  for (let m = ID_CANDIDATE.exec(text); m !== null; m = ID_CANDIDATE.exec(text)) {
    if (isChineseId(m[0].replace(/ /g, ''))) found.push({ kind: 'id', start: m.index, end: m.index + m[0].length });
  }
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function isChineseId(compact: string): boolean {
  if (!/^\d{17}[0-9Xx]$/.test(compact)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (compact.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === compact[17].toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Phone numbers, card numbers and other grouped digits

/**
 * Digit groups joined by one separator each (space, '.', '-', '/', or parentheses around an area
 * code), optionally after '+' (international) or '('. Commas and colons are not separators, so
 * "1,000,000" and "10:30" are groups of their own. Which part of a run is a phone number or a card
 * is decided by `classify`, not here.
 */
const GROUPED_DIGITS = /(?<![0-9])(?:\+ ?|\()?\d+(?:(?:[ .\-/]|[ \-]?\(|\)[ .\-]?)\d+)*/g;
const DIGIT_GROUP = /\d+/g;
/** A phone number or card never has more groups than this (1-800-555-0199: 4; +44 (0)20 7946 0958: 5). */
const MAX_GROUPS = 6;

interface Group {
  start: number;
  end: number;
}

export function findDigitGroups(text: string, found: PiiSpan[]): void {
  GROUPED_DIGITS.lastIndex = 0;
  for (let m = GROUPED_DIGITS.exec(text); m !== null; m = GROUPED_DIGITS.exec(text)) {
    const run = m[0];
    if (run.length < 7) continue;
    const groups: Group[] = [];
    DIGIT_GROUP.lastIndex = 0;
    for (let g = DIGIT_GROUP.exec(run); g !== null; g = DIGIT_GROUP.exec(run)) {
      groups.push({ start: m.index + g.index, end: m.index + g.index + g[0].length });
    }
    splitRun(text, groups, run[0] === '+' ? m.index : -1, found);
  }
}

/**
 * Cuts a run of digit groups into the longest pieces `classify` recognises, left to right: "Call
 * 020 7946 0958 020 7946 0959" (no "or" between) is still two phone numbers, a 7+-digit group
 * that fits nothing becomes `number`, and dates ("15.01.2024 10.30") are passed over whole.
 */
function splitRun(text: string, groups: Group[], plusAt: number, found: PiiSpan[]): void {
  const separators = groups.slice(1).map((g, k) => text.slice(groups[k].end, g.start));
  const dateAt = groups.map((_, k) => isDate(text, groups, separators, k));
  for (let i = 0; i < groups.length; ) {
    if (dateAt[i]) {
      i += 3;
      continue;
    }
    let end = Math.min(groups.length, i + MAX_GROUPS);
    for (let k = i + 1; k < end; k++) if (dateAt[k]) end = k;
    let matched = false;
    for (let j = end; j > i; j--) {
      const plus = i === 0 && plusAt >= 0;
      const kind = classify(text, groups.slice(i, j), separators.slice(i, j - 1), plus);
      if (kind === null) continue;
      // "(555) 123-4567": the opening parenthesis goes with the number.
      const start = plus ? plusAt : text[groups[i].start - 1] === '(' && kind === 'phone' ? groups[i].start - 1 : groups[i].start;
      found.push({ kind, start, end: groups[j - 1].end });
      i = j;
      matched = true;
      break;
    }
    if (!matched) i++;
  }
}

/**
 * A date starting at group k (15.01.2024, 2024-01-15, 01/15/2024: day or month, month or day, and
 * a four-digit year, one separator), which a phone number never contains.
 */
function isDate(text: string, groups: Group[], separators: string[], k: number): boolean {
  if (k + 2 >= groups.length) return false;
  const separator = separators[k];
  if (separator !== separators[k + 1] || !(separator === '.' || separator === '-' || separator === '/')) return false;
  const length = (g: number): number => groups[g].end - groups[g].start;
  const value = (g: number): number => Number(text.slice(groups[g].start, groups[g].end));
  const [a, b, c] = [length(k), length(k + 1), length(k + 2)];
  if (a <= 2 && b <= 2 && c === 4) return value(k) >= 1 && value(k) <= 31 && value(k + 1) >= 1 && value(k + 1) <= 31;
  if (a === 4 && b <= 2 && c <= 2) return value(k + 1) >= 1 && value(k + 1) <= 12 && value(k + 2) >= 1 && value(k + 2) <= 31;
  return false;
}

const CARD_LAYOUTS = ['4444', '44441', '44442', '44443', '464', '465'];

/** What the digit groups `piece` (consecutive, from one run) are, or null for none of ours. */
function classify(text: string, piece: Group[], separators: string[], plus: boolean): PiiKind | null {
  let digits = '';
  let layout = '';
  for (const g of piece) {
    digits += text.slice(g.start, g.end);
    layout += g.end - g.start > 9 ? '9' : String(g.end - g.start);
  }
  const n = digits.length;
  if (n < 7) return null;
  const parenthesised = separators.some((s) => s.includes('(') || s.includes(')')) || text[piece[0].start - 1] === '(';
  const first = digits.charCodeAt(0) - 48;

  // International: "+86 138 0013 8000", "+44 (0)20 7946 0958"; E.164 allows at most 15 digits.
  if (plus) return n >= 8 && n <= 15 ? 'phone' : null;
  if (piece.length === 1) {
    if (isCompactDate(digits)) return null;
    // The digits after a decimal point ("0.692307999999998591") are a fraction, not a card or a phone.
    if (text[piece[0].start - 1] === '.' && /\d/.test(text[piece[0].start - 2] ?? '')) return 'number';
    if (isPhoneDigits(digits)) return 'phone';
    return isCardNumber(digits) ? 'card' : 'number';
  }
  const sameSeparator = separators.every((s) => s === separators[0]) && (separators[0] === ' ' || separators[0] === '-');
  if (n >= 13 && n <= 19 && sameSeparator && CARD_LAYOUTS.includes(layout)) return isCardNumber(digits) ? 'card' : 'number';
  if (parenthesised) return n <= 12 ? 'phone' : null;
  // A trunk prefix 0 and a 2+ digit area code (UK 020 / 07946, Chinese 010 / 0755); "0.123…" is a decimal.
  if (first === 0 && piece[0].end - piece[0].start >= 2 && isPhoneDigits(digits)) return 'phone';
  // Chinese mobile written 3-4-4.
  if (n === 11 && /^1[3-9]/.test(digits) && layout === '344') return 'phone';
  // North American 555-123-4567, 1-800-555-0199, and local 555-0199 (exchange codes start 2-9).
  if (layout === '334' && first >= 2) return 'phone';
  if (layout === '1334' && first === 1) return 'phone';
  if (layout === '34' && first >= 2 && separators[0] === '-') return 'phone';
  return null;
}

/** Contiguous phone numbers: national with trunk 0 (10-12 digits), international with 00, Chinese mobile. */
function isPhoneDigits(digits: string): boolean {
  const n = digits.length;
  if (digits.startsWith('00')) return n >= 11 && n <= 17;
  if (digits[0] === '0') return n >= 10 && n <= 12;
  return n === 11 && /^1[3-9]/.test(digits);
}

/**
 * A payment card: 13-19 digits that pass the Luhn check and start as a card network's numbers do
 * (Visa 4, Mastercard 51-55 / 22-27, Amex 34 / 37, Diners / JCB 30, 35, 36, 38, Discover and
 * UnionPay 6). The prefix rule keeps most other long numbers (one in ten passes Luhn) out.
 */
function isCardNumber(digits: string): boolean {
  const n = digits.length;
  if (n < 13 || n > 19 || !luhn(digits)) return false;
  const two = Number(digits.slice(0, 2));
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19;
  if (two === 34 || two === 37) return n === 15;
  if ((two >= 51 && two <= 55) || (two >= 22 && two <= 27)) return n === 16;
  if (two === 30 || two === 35 || two === 36 || two === 38) return n >= 14;
  return digits[0] === '6' && n >= 16;
}

/** The Luhn checksum every payment card number carries. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// ---------------------------------------------------------------------------------------------
// Any other long number

/** 7+ digits anywhere, also inside a word ("ref12345678"): order, account and customer numbers. */
const LONG_NUMBER = /\d{7,}/g;

export function findLongNumbers(text: string, found: PiiSpan[]): void {
  LONG_NUMBER.lastIndex = 0;
  for (let m = LONG_NUMBER.exec(text); m !== null; m = LONG_NUMBER.exec(text)) {
    if (!isCompactDate(m[0])) found.push({ kind: 'number', start: m.index, end: m.index + m[0].length });
  }
}

/** A date written YYYYMMDD (1900-2099), as news titles and file names carry them: dates are kept. */
const COMPACT_DATE = /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/;

function isCompactDate(digits: string): boolean {
  return digits.length === 8 && COMPACT_DATE.test(digits);
}
