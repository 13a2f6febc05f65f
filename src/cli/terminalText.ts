/**
 * Text from a file or a bundle (labels, a model's name, an error quoting them) must not drive the
 * terminal: an ANSI/OSC escape in a label could recolour, retitle, hide lines, or plant a
 * clickable link. Escape sequences are removed whole; any other control character (C0 but tab
 * and newline, DEL, C1 — 0x9B is an 8-bit CSI —, and the bidi overrides that reorder what is
 * shown) becomes U+FFFD, so that the reader sees something was there.
 */
const ESCAPE_SEQUENCE = new RegExp(
  [
    '\\x1b\\[[0-?]*[ -/]*[@-~]', // CSI: colours, cursor moves, erase
    '\\x1b\\][^\\x07\\x1b]*(?:\\x07|\\x1b\\\\)?', // OSC: title, hyperlinks, clipboard
    '\\x1b[PX^_][^\\x1b]*(?:\\x1b\\\\)?', // DCS, SOS, PM, APC strings
    '\\x1b[ -/]*[0-~]', // any other escape (charset, keypad…)
    '\\x9b[0-?]*[ -/]*[@-~]', // 8-bit CSI
  ].join('|'),
  'g',
);
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` safe to write to a terminal: escape sequences removed, other controls shown as U+FFFD. */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '\uFFFD');
}

/** Characters JSON.stringify leaves raw that a terminal would act on (C1, bidi overrides, line separators). */
const JSON_UNSAFE = /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON.stringify, with every character a terminal might act on written as \uXXXX (the same value). */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
