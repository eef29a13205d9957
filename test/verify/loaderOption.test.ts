import { describe, expect, it } from 'vitest';
import { generateKey, issueCredential, verifyCredential } from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';
import { rejection } from '../helpers/errors.js';

describe('a loader that is not a DocumentLoader', () => {
  it('verify falls back to the offline loader instead of letting jsonld fetch', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const report = await verifyCredential(signed, { now: NOW, loader: {} as never });
    expect(report.verified).toBe(true);
  });

  it('issue refuses it, naming the option', async () => {
    const key = await generateKey();
    const error = await rejection(
      issueCredential(unsignedCredential(key), { key, now: NOW, loader: { load: 'x' } as never }),
      'ERR_FIELD_INVALID',
    );
    expect(error.details.path).toBe('loader');
  });
});
