import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '@/core/dataset/fingerprint';
import { EngineSession } from '@/core/session';
import { datasetKey } from './datasetKey';
import { openSource, sourceBytes } from './dataSource';

const sms = new Uint8Array(readFileSync('public/samples/sms_spam.csv'));

describe('the page keeps a file as a file', () => {
  it('keeps a picked File itself, and hands its first read over for the parse', async () => {
    const file = new File([sms], 'sms_spam.csv');
    const { source, bytes } = await openSource(file, 'sms_spam.csv');
    expect(source.file).toBe(file);
    expect(source).toEqual({ file, fileName: 'sms_spam.csv', options: {} });
    expect(Object.values(source).some((v) => v instanceof Uint8Array)).toBe(false);
    expect(bytes).toEqual(sms);
  });

  it('leaves bytes given by code with the caller: the source holds a Blob of them, read afresh each time', async () => {
    const given = sms.slice();
    const { source, bytes } = await openSource(given, 'sms_spam.csv', { delimiter: ',' });
    expect(bytes).toBeUndefined();
    given.fill(0); // the caller may reuse its array: the source does not change
    const first = await sourceBytes(source);
    const second = await sourceBytes(source);
    expect(first).toEqual(sms);
    expect(second).toEqual(sms);
    expect(second.buffer).not.toBe(first.buffer); // each read may be handed over (transferred)
  });

  it('keys a dataset as before, with the fingerprint the engine computed: decisions saved by earlier versions still match', async () => {
    // FNV-1a of these bytes as the earlier datasetKey computed it over the kept bytes.
    expect(fingerprintOf(new TextEncoder().encode('text,label\nhi there,ham\n'))).toBe('29479c59');
    const { source } = await openSource(sms, 'sms_spam.csv', { delimiter: ',' });
    const summary = new EngineSession().load(sms.slice(), source.options, source.fileName);
    expect(summary.fingerprint).toBe(fingerprintOf(sms));
    expect(datasetKey({ source, summary })).toBe(JSON.stringify(['sms_spam.csv', sms.byteLength, fingerprintOf(sms), [['delimiter', ',']]]));
  });

  it('says plainly when the chosen file can no longer be read, and which file', async () => {
    const { source } = await openSource(sms, 'sms_spam.csv');
    const gone = { ...source, file: { arrayBuffer: () => Promise.reject(new Error('NotReadableError')) } as unknown as Blob };
    await expect(sourceBytes(gone)).rejects.toMatchObject({ code: 'FILE_UNREADABLE', message: expect.stringContaining('sms_spam.csv can no longer be read') });
  });
});
