import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../tests/helpers/textFixtures';
import { findPii, isIban, maskPii, PII_PLACEHOLDERS } from './pii';
import { isChineseId, luhn } from './piiNumbers';
import { DEFAULT_TOKENIZER, forEachToken, tokenize } from './tokenize';
import { vocabularyAndCorpus } from './trainingCorpus';

describe('maskPii masks personal data', () => {
  it.each<[string, string, string]>([
    // Phone numbers: UK
    ['UK mobile', 'Call 07946 123456 today', 'Call <phone> today'],
    ['UK London', 'ring 020 7946 0958.', 'ring <phone>.'],
    ['UK premium, contiguous', 'call 08712460324 now', 'call <phone> now'],
    ['UK freephone 4-7', 'on 0800 1956669 between 10am', 'on <phone> between 10am'],
    ['UK international', '+44 20 7946 0958', '<phone>'],
    ['UK international with (0)', 'Tel +44 (0)20 7946 0958', 'Tel <phone>'],
    ['UK with 00 prefix', 'Tel: 0044 20 7946 0958', 'Tel: <phone>'],
    ['glued to a word after it', 'apply 08452810075over18s', 'apply <phone>over18s'],
    // US
    ['US parentheses', 'Voice: (555) 123-4567 x303', 'Voice: <phone> x303'],
    ['US dashes', '555-123-4567', '<phone>'],
    ['US dots', '555.123.4567', '<phone>'],
    ['US toll-free', 'call 1-800-555-0199', 'call <phone>'],
    ['US international', '+1 555 123 4567', '<phone>'],
    ['US local', 'dial 555-0199', 'dial <phone>'],
    ['US with a slash', 'call 510/947-6987 (SF)', 'call <phone> (SF)'],
    // Chinese
    ['Chinese mobile', '手机13800138000', '手机<phone>'],
    ['Chinese mobile 3-4-4', '138 0013 8000 或 138-0013-8000', '<phone> 或 <phone>'],
    ['Chinese mobile international', '+86 138 0013 8000', '<phone>'],
    ['Chinese mobile international, contiguous', '+8613800138000', '<phone>'],
    ['Chinese landline Beijing', '座机010-12345678', '座机<phone>'],
    ['Chinese landline Shenzhen', '0755-8888-1234', '<phone>'],
    ['Chinese landline with parentheses', '(010) 1234 5678', '<phone>'],
    ['in a Chinese sentence', '请拨打13800138000联系', '请拨打<phone>联系'],
    ['two numbers in one run', '020 7946 0958 020 7946 0959', '<phone> <phone>'],
    // E-mail addresses
    ['with a plus tag', 'write to jane.doe+newsletter@example.co.uk.', 'write to <email>.'],
    ['upper case', 'JOHN@Mail.COM or', '<email> or'],
    ['in Chinese text', '邮箱:test.user@qq.com。', '邮箱:<email>。'],
    // Payment cards (Luhn)
    ['Visa in groups', 'card 4111 1111 1111 1111 exp', 'card <card> exp'],
    ['Mastercard, dashes', '5500-0055-5555-5559', '<card>'],
    ['Amex, contiguous', '378282246310005', '<card>'],
    ['card-shaped but Luhn-invalid', '4111 1111 1111 1112', '<number>'],
    // IBAN (mod 97)
    ['IBAN in groups', 'IBAN GB82 WEST 1234 5698 7654 32, thanks', 'IBAN <iban>, thanks'],
    ['IBAN contiguous', 'DE89370400440532013000', '<iban>'],
    // IP addresses
    ['IPv4', 'from 192.168.1.10 at', 'from <ip> at'],
    ['IPv6 compressed', 'host 2001:db8:85a3::8a2e:370:7334', 'host <ip>'],
    ['IPv6 full', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', '<ip>'],
    ['IPv6 link-local', 'fe80::1%eth0', '<ip>%eth0'],
    // Chinese resident ID (ISO 7064 MOD 11-2)
    ['ID with check X', '身份证11010519491231002X', '身份证<id>'],
    ['ID with check x, lower case', '11010519491231002x', '<id>'],
    ['ID with a wrong check digit is only a long number', '110105194912310025', '<number>'],
    // Other long numbers
    ['order number', 'order 1234567 shipped', 'order <number> shipped'],
    ['inside a word', 'ref12345678x', 'ref<number>x'],
    ['international without +', 'U 447801259231 have', 'U <number> have'],
    ['a birth date written DDMMYYYY', 'born 27081980', 'born <number>'],
    // URLs are kept, personal data inside them is not
    ['long number in a URL', 'http://example.com/item/123456789?u=bob@example.com', 'http://example.com/item/<number>?u=<email>'],
  ])('%s', (_name, text, expected) => {
    expect(maskPii(text)).toBe(expected);
  });
});

describe('maskPii leaves alone what is not personal', () => {
  it.each<[string, string]>([
    ['years', 'In 2024, sales rose 12% over 2023.'],
    ['year ranges', 'the 1999-2005 season'],
    ['prices', 'It costs $1,299.99, £1500 or 3.50 EUR.'],
    ['thousands with commas', '1,000,000 users and 25,000,000 views'],
    ['thousands with dots and spaces', '1.000.000 and 1 000 000 and 1 000 000 000'],
    ['version numbers', 'version 1.2.3, v1.2.3.4 and build 10.0.19041.1'],
    ['dates', 'on 2024-01-15, 15.01.2024 10.30, 01/15/2024 and 2024/1/5'],
    ['dates written YYYYMMDD', '图说天胶20110826'],
    ['times', 'at 10:30:15 or 10:30'],
    ['short numbers', 'Text WIN to 87121, or 86688 150 now; 4 u, 100 pts'],
    ['decimals', 'pi is 3.14159 and 0.5 or 2.75'],
    ['URLs', 'see https://www.example.com/offers/summer?src=sms or www.getzed.co.uk'],
    ['code with colons', 'std::vector and a::b'],
    ['a MAC address', 'MAC 00:1a:2b:3c:4d:5e'],
    ['an IBAN with a wrong check', 'GB82 WEST 1234 5698 7654 33'],
    ['addresses without a domain', 'a@b, x@localhost, msgs@150p'],
    ['placeholders typed by a person', 'call <phone> now'],
  ])('%s', (_name, text) => {
    expect(maskPii(text)).toBe(text);
  });
});

describe('findPii', () => {
  it('gives typed spans in text order, never overlapping', () => {
    const text = 'Mail a.b@example.com, call +86 138 0013 8000 or 020 7946 0958; card 4111111111111111; IP 10.0.0.1';
    const spans = findPii(text);
    expect(spans.map((s) => s.kind)).toEqual(['email', 'phone', 'phone', 'card', 'ip']);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['a.b@example.com', '+86 138 0013 8000', '020 7946 0958', '4111111111111111', '10.0.0.1']);
    for (let i = 1; i < spans.length; i++) expect(spans[i].start).toBeGreaterThanOrEqual(spans[i - 1].end);
  });

  it('finds nothing in texts without digits or @', () => {
    expect(findPii('No numbers here, only words: see you at noon!')).toHaveLength(0);
    expect(findPii('')).toHaveLength(0);
  });
});

describe('checksums', () => {
  it('Luhn', () => {
    expect(['4111111111111111', '5500005555555559', '378282246310005', '79927398713'].map(luhn)).toEqual([true, true, true, true]);
    expect(['4111111111111112', '79927398710'].map(luhn)).toEqual([false, false]);
  });

  it('IBAN mod 97', () => {
    expect(['GB82WEST12345698765432', 'DE89370400440532013000', 'gb82west12345698765432', 'NO9386011117947'].map(isIban)).toEqual([true, true, true, true]);
    expect(['GB82WEST12345698765433', 'GB82WEST1234', 'GB82WEST12345698765432!'].map(isIban)).toEqual([false, false, false]);
  });

  it('Chinese resident ID (ISO 7064 MOD 11-2)', () => {
    expect(['11010519491231002X', '11010519491231002x', '440524188001010014'].map(isChineseId)).toEqual([true, true, true]);
    expect(['110105194912310025', '11010519491231002', '1101051949123100XX'].map(isChineseId)).toEqual([false, false, false]);
  });
});

describe('the tokenizer masks before it tokenizes', () => {
  const noMask = { ...DEFAULT_TOKENIZER, maskPii: false };

  it('gives each placeholder as ONE token, with bigrams around it', () => {
    expect(tokenize('Call 08712460324 now', DEFAULT_TOKENIZER)).toEqual(['call', '<phone>', 'call <phone>', 'now', '<phone> now']);
    expect(tokenize('mail Jane.Doe+tag@Example.co.uk.', DEFAULT_TOKENIZER)).toEqual(['mail', '<email>', 'mail <email>', '.', '<email> .']);
    expect(tokenize('ref12345678x', DEFAULT_TOKENIZER)).toEqual(['ref', '<number>', 'ref <number>', 'x', '<number> x']);
    for (const placeholder of Object.values(PII_PLACEHOLDERS)) {
      expect(tokenize(`a ${placeholder} b`, DEFAULT_TOKENIZER)).not.toContain(placeholder); // typed by a person: split as usual
    }
  });

  it('keeps the digits and addresses when masking is off', () => {
    expect(tokenize('Call 08712460324 now', noMask)).toContain('08712460324');
    expect(tokenize('mail jane@example.com', noMask)).toEqual(expect.arrayContaining(['jane', '@', 'example.com']));
  });

  it('masks full-width digits, which NFKC turns into ASCII first', () => {
    expect(tokenize('ＴＥＬ：０８００ １９５６６６９', DEFAULT_TOKENIZER)).toEqual(['tel', ':', 'tel :', '<phone>', ': <phone>']);
  });

  it('does not run CJK character n-grams across a placeholder', () => {
    expect(tokenize('打13800138000联', { ...DEFAULT_TOKENIZER, wordBigrams: false })).toEqual(['打', '<phone>', '联']);
  });

  it('stops at the placeholder when the visitor says so', () => {
    const seen: string[] = [];
    forEachToken('call 08712460324 now please', { ...DEFAULT_TOKENIZER, wordBigrams: false }, (token) => {
      seen.push(token);
      return token !== '<phone>';
    });
    expect(seen).toEqual(['call', '<phone>']);
  });
});

describe('on the SMS spam collection', () => {
  const { texts } = readDataset('sms_spam/sms_spam.csv');
  const vocabularyOf = (maskPii: boolean): string[] =>
    vocabularyAndCorpus(texts, new Int32Array(texts.length), { ...DEFAULT_TOKENIZER, maskPii }, { maxSize: 1_000_000, minCount: 1 }, 256).vocabulary.tokens;
  /** Addresses in the file, found by a plain pattern independent of pii.ts. */
  const addresses = [...new Set(texts.flatMap((t) => t.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/gi) ?? []))];
  const masked = vocabularyOf(true);
  const kept = vocabularyOf(false);

  it('leaves no run of 7 or more digits in the trained vocabulary', () => {
    expect(kept.filter((t) => /\d{7}/.test(t)).length).toBeGreaterThan(200); // what masking removes
    expect(masked.filter((t) => /\d{7}/.test(t))).toEqual([]);
    expect(masked).toEqual(expect.arrayContaining(['<phone>', '<number>', '<email>']));
  });

  it('leaves no e-mail address in the trained vocabulary', () => {
    expect(addresses.length).toBeGreaterThanOrEqual(5);
    const domains = addresses.map((a) => a.slice(a.indexOf('@') + 1).toLowerCase());
    // A domain that is in the vocabulary must come from the file's other text (a web address), never from an address.
    const elsewhere = (domain: string): boolean => texts.some((t) => t.toLowerCase().replace(/[\w.+-]+@[\w.-]+/g, ' ').includes(domain));
    expect(domains.filter((d) => kept.includes(d)).length).toBeGreaterThan(0);
    expect(domains.filter((d) => masked.includes(d) && !elsewhere(d))).toEqual([]);
    expect(masked.filter((t) => t.includes('@') && t !== '@' && !t.startsWith('@ ') && !t.endsWith(' @'))).toEqual([]);
  });
});
