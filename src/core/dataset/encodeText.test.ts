import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../tests/helpers/datasets';
import { decodeBytes, streamingDecoder } from './decode';
import { encoderFor } from './encodeText';

/** A file's bytes without its byte-order mark (the encoder writes none). */
function withoutBom(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return bytes.subarray(2);
  return bytes;
}

describe('encoderFor', () => {
  it.each([
    ['formats/waimai_10k.gb18030.csv', 'gb18030'],
    ['formats/rt_polarity.cp1252.csv', 'windows-1252'],
    ['formats/sms_spam.utf16le.tsv', 'utf-16le'],
    ['formats/thucnews_titles_dev.utf8bom-crlf.csv', 'utf-8'],
  ])('writes the decoded text of %s back to its very bytes (%s)', (file, encoding) => {
    const bytes = readFixture(`datasets/${file}`);
    const { text, encoding: read } = decodeBytes(bytes);
    expect(read.name).toBe(encoding);
    const encode = encoderFor(encoding);
    if (!encode) throw new Error(`no encoder for ${encoding}`);
    const written = encode(text);
    // Compared as Buffers: a deep equality over a megabyte, element by element, takes seconds.
    expect(written && Buffer.from(written).equals(Buffer.from(withoutBom(bytes)))).toBe(true);
  });

  it.each([
    // Chinese labels, a rare character of GB18030's four-byte range, and a character beyond the BMP.
    ['gb18030', '体育 财经 㐀 €', true],
    ['gb18030', '😀', true],
    ['gbk', '体育', true],
    ['gbk', '😀', false],
    ['big5', '體育', true],
    ['shift_jis', 'スポーツ ｽﾎﾟｰﾂ', true],
    ['euc-kr', '스포츠', true],
    ['windows-1252', 'négatif “quoted” €', true],
    ['windows-1252', 'négatif ✓', false],
    ['windows-1251', 'спорт', true],
    ['windows-1251', '体育', false],
    ['utf-16be', 'spam 体育 😀', true],
  ])('%s: “%s” representable: %s, and reads back as itself', (encoding, text, representable) => {
    const encode = encoderFor(encoding);
    if (!encode) throw new Error(`no encoder for ${encoding}`);
    const bytes = encode(text);
    expect(bytes !== null).toBe(representable);
    if (bytes) expect(streamingDecoder(encoding)(bytes, false)).toBe(text);
  });

  it('has none for ISO-2022-JP, whose bytes depend on the characters before them', () => {
    expect(encoderFor('iso-2022-jp')).toBeNull();
  });
});
