import { normalizeText } from '../text/normalize';
import { findPii, maskSpans, PII_KINDS, type PiiKind, type PiiSpan } from '../text/pii';
import { joinAnd, plural } from './problems';
import { reportEvery } from './progress';
import type { Example, PiiFound } from './types';

/** Masked example texts the data check shows. */
const MAX_EXAMPLES = 5;
/** Characters of an example shown around its first masked span. */
const EXAMPLE_CHARS = 160;

const KIND_WORDS: Record<PiiKind, [one: string, many: string]> = {
  email: ['email address', 'email addresses'],
  phone: ['phone number', 'phone numbers'],
  card: ['payment card number', 'payment card numbers'],
  iban: ['IBAN', 'IBANs'],
  ip: ['IP address', 'IP addresses'],
  id: ['ID card number', 'ID card numbers'],
  number: ['other long number', 'other long numbers'],
};

/**
 * The personal data the tokenizer would mask in these texts: how many spans of each kind, in how
 * many rows, and a few texts as they will be seen, masked (never the raw values). Texts are
 * normalised as the tokenizer does (NFKC) but keep their case, so the examples read naturally.
 */
export function findPiiInExamples(examples: readonly Example[], onProgress?: (fraction: number) => void): PiiFound {
  const counts = Object.fromEntries(PII_KINDS.map((kind) => [kind, 0])) as Record<PiiKind, number>;
  let rows = 0;
  let total = 0;
  const byKind = new Map<PiiKind, PiiFound['examples'][number]>();
  const others: PiiFound['examples'] = [];
  const every = reportEvery(examples.length);
  for (let i = 0; i < examples.length; i++) {
    if (i % every === 0) onProgress?.(i / examples.length);
    const example = examples[i];
    const text = normalizeText(example.text, { normalization: 'NFKC', lowercase: false });
    const spans = findPii(text);
    if (spans.length === 0) continue;
    rows++;
    total += spans.length;
    for (const span of spans) counts[span.kind]++;
    // One example per kind first, so that a phone-heavy file still shows its e-mail addresses.
    const kind = spans[0].kind;
    if (!byKind.has(kind)) byKind.set(kind, { row: example.row, text: excerpt(text, spans) });
    else if (others.length < MAX_EXAMPLES) others.push({ row: example.row, text: excerpt(text, spans) });
  }
  const shown = [...byKind.values(), ...others].slice(0, MAX_EXAMPLES).sort((a, b) => a.row - b.row);
  return { counts, total, rows, examples: shown };
}

/** The masked text around its first span, at most EXAMPLE_CHARS characters, one line. */
function excerpt(text: string, spans: readonly PiiSpan[]): string {
  const first = spans[0];
  const from = Math.max(0, first.start - EXAMPLE_CHARS / 2);
  const window = spans.filter((s) => s.start >= from).map((s) => ({ ...s, start: s.start - from, end: s.end - from }));
  // Spans cut by the window's start are left out of the slice, never shown in part.
  const masked = maskSpans(text.slice(from), window).replace(/\s+/g, ' ').trim();
  const clipped = masked.length > EXAMPLE_CHARS ? `${masked.slice(0, EXAMPLE_CHARS).replace(/<[a-z]*$/, '')}…` : masked;
  return from > 0 ? `…${clipped}` : clipped;
}

/**
 * One phrase for the data check, most frequent kind first: "312 phone numbers and 41 email
 * addresses in 290 rows", or null when nothing was found. The caller adds "will be masked" or
 * "are kept".
 */
export function describePii(found: PiiFound): string | null {
  if (found.total === 0) return null;
  const kinds = PII_KINDS.filter((kind) => found.counts[kind] > 0).sort((a, b) => found.counts[b] - found.counts[a]);
  const parts = kinds.map((kind) => plural(found.counts[kind], ...KIND_WORDS[kind]));
  return `${joinAnd(parts)} in ${plural(found.rows, 'row')}`;
}
