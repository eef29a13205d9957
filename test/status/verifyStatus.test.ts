// The status check against lists that must not be believed: each comes out "could not check",
// never "not revoked".
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { StatusList } from '@digitalbazaar/vc-status-list';
import {
  DocumentLoader,
  generateKey,
  issueCredential,
  verifyCredential,
  type Key,
  type SignedCredential,
  type StatusListCredential,
  type UnsignedCredential,
  type VerificationReport,
} from '../../src/index.js';
import { signDocument } from '../../src/proofs/sign.js';
import { NOW, check, unsignedCredential } from '../helpers/credential.js';
import { newRegistry, published } from './helpers.js';

const LIST = 'https://pd.example.org/status/revocation-1.json';
// OB 3.0's own status type is not in the OB 3.0.3 context; a credential using it defines it inline.
const WITH_1EDTECH_LIST = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  { '1EdTechRevocationList': 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#1EdTechRevocationList' },
];

/** Signs a status list credential of any shape with `key` (the registry only makes well-formed ones). */
async function signList(key: Key<'ed25519'>, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { proof: _proof, ...unsigned } = fields;
  return signDocument<Record<string, unknown>>(structuredClone(unsigned), key, new DocumentLoader(), NOW);
}

/** A credential issued by `key` with the given credentialStatus. */
async function withStatus(
  key: Key<'ed25519'>,
  credentialStatus: unknown,
  context?: unknown[],
): Promise<SignedCredential> {
  const draft = {
    ...unsignedCredential(key),
    ...(context ? { '@context': context } : {}),
    credentialStatus,
  } as UnsignedCredential;
  return issueCredential(draft, { key, now: NOW });
}

function entry(index: number | string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `${LIST}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: LIST,
    ...fields,
  };
}

function statusOf(report: VerificationReport) {
  return check(report, 'status');
}

describe('a status list that cannot be believed is "could not check", never "not revoked"', () => {
  it('a tampered list (a revoked bit cleared after signing): ERR_STATUS_LIST_INVALID, the signature named', async () => {
    const { key, registry } = await newRegistry({ purposes: ['revocation'] });
    const [clean] = await registry.createLists();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
    const { listCredential } = await registry.revoke(signed.id);
    const tampered = structuredClone(listCredential);
    tampered.credentialSubject.encodedList = (clean as StatusListCredential).credentialSubject.encodedList;

    const report = await verifyCredential(signed, { now: NOW, loader: published(tampered) });
    expect(statusOf(report)).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_INVALID', path: 'credentialStatus.statusListCredential' },
    });
    expect(statusOf(report).problem?.detail).toContain(listCredential.id);
    expect(statusOf(report).problem?.detail).toMatch(/signature/i);
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'could-not-check' });
  });

  it('an expired list: ERR_STATUS_LIST_INVALID saying when it expired', async () => {
    const key = await generateKey();
    const list = await signList(key, { ...(await emptyList(key)), validUntil: '2026-03-01T00:00:00Z' });
    const report = await verifyCredential(await withStatus(key, entry(5)), {
      now: NOW,
      loader: published(list as unknown as StatusListCredential),
    });
    expect(statusOf(report)).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_INVALID' },
    });
    expect(statusOf(report).problem?.detail).toContain('expired at 2026-03-01T00:00:00Z');
    expect(report.verified).toBe(false);
  });

  it('a list signed by another issuer (even one saying "not revoked"): ERR_STATUS_LIST_ISSUER_MISMATCH naming both', async () => {
    const key = await generateKey();
    const other = await generateKey();
    const foreign = await signList(other, await emptyList(other));
    const report = await verifyCredential(await withStatus(key, entry(5)), {
      now: NOW,
      loader: published(foreign as unknown as StatusListCredential),
    });
    expect(statusOf(report)).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_ISSUER_MISMATCH' },
    });
    expect(statusOf(report).problem?.detail).toContain(other.controller);
    expect(statusOf(report).problem?.detail).toContain(key.controller);
    expect(report.summary).toBe('could-not-check');
  });

  it('a list missing offline: ERR_STATUS_LIST_UNAVAILABLE with its URL, and nothing is fetched', async () => {
    const key = await generateKey();
    const report = await verifyCredential(await withStatus(key, entry(5)), { now: NOW });
    expect(statusOf(report)).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_UNAVAILABLE', path: 'credentialStatus.statusListCredential' },
    });
    expect(statusOf(report).problem?.detail).toContain(LIST);
    expect(statusOf(report).parts).toEqual([
      expect.objectContaining({ label: `revocation: ${LIST} index 5`, outcome: 'could-not-check' }),
    ]);
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'could-not-check' });
  });

  it('a list that is not a credential object, or not JSON: ERR_STATUS_LIST_INVALID / UNAVAILABLE', async () => {
    const key = await generateKey();
    const credential = await withStatus(key, entry(5));
    const notObject = await verifyCredential(credential, {
      now: NOW,
      loader: new DocumentLoader({ documents: { [LIST]: [1, 2] } }),
    });
    expect(statusOf(notObject).problem?.code).toBe('ERR_STATUS_LIST_INVALID');
    const notJson = await verifyCredential(credential, {
      now: NOW,
      loader: new DocumentLoader({ documents: { [LIST]: '{"not json' } }),
    });
    expect(statusOf(notJson).problem).toMatchObject({ code: 'ERR_STATUS_LIST_UNAVAILABLE' });
    expect(statusOf(notJson).problem?.detail).toContain('not JSON');
  });

  it('a list given as JSON text is read like the object', async () => {
    const key = await generateKey();
    const list = await signList(key, await emptyList(key, [5]));
    const report = await verifyCredential(await withStatus(key, entry(5)), {
      now: NOW,
      loader: new DocumentLoader({ documents: { [LIST]: JSON.stringify(list) } }),
    });
    expect(statusOf(report).problem?.code).toBe('ERR_REVOKED');
  });

  it('an index beyond the list: ERR_STATUS_INDEX_OUT_OF_RANGE', async () => {
    const key = await generateKey();
    const list = await signList(key, await emptyList(key));
    const report = await verifyCredential(await withStatus(key, entry(131_072)), {
      now: NOW,
      loader: published(list as unknown as StatusListCredential),
    });
    expect(statusOf(report)).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_INDEX_OUT_OF_RANGE', path: 'credentialStatus.statusListIndex' },
    });
    expect(statusOf(report).problem?.detail).toContain('131072 entries');
  });

  it('a suspension entry pointing at a revocation list: ERR_STATUS_PURPOSE_MISMATCH', async () => {
    const key = await generateKey();
    const list = await signList(key, await emptyList(key, [5]));
    const report = await verifyCredential(await withStatus(key, entry(5, { statusPurpose: 'suspension' })), {
      now: NOW,
      loader: published(list as unknown as StatusListCredential),
    });
    expect(statusOf(report)).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_PURPOSE_MISMATCH', path: 'credentialStatus.statusPurpose' },
    });
  });

  it('a list whose encodedList inflates past 16 MiB is refused, not inflated', async () => {
    const key = await generateKey();
    const bomb = `u${gzipSync(new Uint8Array(17 * 1024 * 1024)).toString('base64url')}`;
    const list = await signList(key, {
      ...(await emptyList(key)),
      credentialSubject: {
        id: `${LIST}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: bomb,
      },
    });
    const report = await verifyCredential(await withStatus(key, entry(5)), {
      now: NOW,
      loader: published(list as unknown as StatusListCredential),
    });
    expect(statusOf(report).problem?.code).toBe('ERR_STATUS_LIST_INVALID');
    expect(statusOf(report).problem?.detail).toContain('larger than 16777216 bytes');
  });

  it('an encodedList without the multibase "u" prefix, or not GZIP: ERR_STATUS_LIST_INVALID', async () => {
    const key = await generateKey();
    for (const [encodedList, why] of [
      [gzipSync(new Uint8Array(16384)).toString('base64url'), 'does not start with "u"'],
      ['uAAAAAAAA', 'not GZIP'],
    ] as const) {
      const list = await signList(key, {
        ...(await emptyList(key)),
        credentialSubject: {
          id: `${LIST}#list`,
          type: 'BitstringStatusList',
          statusPurpose: 'revocation',
          encodedList,
        },
      });
      const report = await verifyCredential(await withStatus(key, entry(5)), {
        now: NOW,
        loader: published(list as unknown as StatusListCredential),
      });
      expect(statusOf(report).problem?.code).toBe('ERR_STATUS_LIST_INVALID');
      expect(statusOf(report).problem?.detail).toContain(why);
    }
  });
});

describe('status entries', () => {
  it('unreadable entries: ERR_STATUS_ENTRY_INVALID at the field', async () => {
    const key = await generateKey();
    const cases: [Record<string, unknown>, string][] = [
      [entry('abc'), 'credentialStatus.statusListIndex'],
      [entry('-1'), 'credentialStatus.statusListIndex'],
      [entry(5, { statusListCredential: undefined }), 'credentialStatus.statusListCredential'],
      [entry(5, { statusPurpose: undefined }), 'credentialStatus.statusPurpose'],
      [entry(5, { statusSize: 2 }), 'credentialStatus.statusSize'],
    ];
    for (const [status, path] of cases) {
      const report = await verifyCredential(await withStatus(key, status), { now: NOW });
      expect(statusOf(report)).toMatchObject({
        outcome: 'could-not-check',
        problem: { code: 'ERR_STATUS_ENTRY_INVALID', path },
      });
    }
  });

  it('statusPurpose "message" is a warning that it was not interpreted; the credential still verifies', async () => {
    const key = await generateKey();
    const report = await verifyCredential(
      await withStatus(key, entry(5, { statusPurpose: 'message', statusSize: 2 })),
      { now: NOW },
    );
    expect(statusOf(report)).toMatchObject({
      outcome: 'warning',
      problem: { code: 'ERR_STATUS_NOT_INTERPRETED', path: 'credentialStatus.statusPurpose' },
    });
    expect(report).toMatchObject({ verified: true, summary: 'verified-with-warnings' });
  });

  it('an entry of a type microcred does not read (even one named like an Object method): ERR_STATUS_UNCHECKED', async () => {
    const key = await generateKey();
    const report = await verifyCredential(
      await withStatus(key, { id: 'https://x.example/s', type: 'constructor' }, [
        ...WITH_1EDTECH_LIST.slice(0, 2),
        { constructor: 'https://x.example/vocab#constructor' },
      ]),
      { now: NOW },
    );
    expect(statusOf(report)).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_UNCHECKED', path: 'credentialStatus' },
    });
    // Shown as signed: the IRI the credential's context gives the type.
    expect(statusOf(report).problem?.detail).toContain(
      'of type https://x.example/vocab#constructor at https://x.example/s',
    );
  });

  it('a 1EdTechRevocationList entry: could not check, naming its URL', async () => {
    const key = await generateKey();
    const url = 'https://pd.example.org/credentials/3732/revocations';
    const report = await verifyCredential(
      await withStatus(key, { id: url, type: '1EdTechRevocationList' }, WITH_1EDTECH_LIST),
      { now: NOW },
    );
    expect(statusOf(report)).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_UNCHECKED', path: 'credentialStatus' },
    });
    expect(statusOf(report).problem?.detail).toContain(url);
    expect(statusOf(report).parts?.[0]?.label).toBe('1EdTechRevocationList');
  });

  it('the worst entry decides, every entry is a part, and every problem is listed', async () => {
    const key = await generateKey();
    const list = await signList(key, await emptyList(key, [7]));
    const credential = await withStatus(
      key,
      [entry(6), entry(7), { id: 'https://x.example/r', type: '1EdTechRevocationList' }],
      WITH_1EDTECH_LIST,
    );
    const report = await verifyCredential(credential, {
      now: NOW,
      loader: published(list as unknown as StatusListCredential),
    });
    const status = statusOf(report);
    expect(status.parts?.map((p) => p.outcome)).toEqual(['passed', 'failed', 'could-not-check']);
    expect(status).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_REVOKED', path: 'credentialStatus[1]' } });
    expect(status.problems?.map((p) => p.code)).toEqual(['ERR_REVOKED', 'ERR_STATUS_UNCHECKED']);
  });

  it('a list is loaded and verified once per verification, however many entries point at it', async () => {
    const key = await generateKey();
    const list = await signList(key, await emptyList(key));
    const loader = published(list as unknown as StatusListCredential);
    const load = loader.load;
    let loads = 0;
    const counting = Object.assign(Object.create(loader) as DocumentLoader, {
      load: async (url: string) => ((loads += url === LIST ? 1 : 0), load(url)),
    });
    const report = await verifyCredential(await withStatus(key, [entry(1), entry(2), entry(3)]), {
      now: NOW,
      loader: counting,
    });
    expect(statusOf(report).parts?.map((p) => p.outcome)).toEqual(['passed', 'passed', 'passed']);
    expect(loads).toBe(1);
    // A second verification reads the list afresh: a revocation published meanwhile is seen.
    await verifyCredential(await withStatus(key, entry(1)), { now: NOW, loader: counting });
    expect(loads).toBe(2);
  });

  it('a list whose own credentialStatus points at itself is read without recursion', async () => {
    const key = await generateKey();
    const list = await signList(key, { ...(await emptyList(key, [5])), credentialStatus: entry(9) });
    const report = await verifyCredential(await withStatus(key, entry(5)), {
      now: NOW,
      loader: published(list as unknown as StatusListCredential),
    });
    expect(statusOf(report).problem?.code).toBe('ERR_REVOKED');
  });

  it('StatusList2021Entry is read from a StatusList2021Credential (no multibase prefix)', async () => {
    const key = await generateKey();
    const url = 'https://pd.example.org/status/2021/1';
    const bits = new StatusList({ length: 131_072 });
    bits.setStatus(42, true);
    const list = await signList(key, {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/vc/status-list/2021/v1'],
      id: url,
      type: ['VerifiableCredential', 'StatusList2021Credential'],
      issuer: key.controller,
      issuanceDate: '2026-01-01T00:00:00Z',
      credentialSubject: {
        id: `${url}#list`,
        type: 'StatusList2021',
        statusPurpose: 'revocation',
        encodedList: await bits.encode(),
      },
    });
    const context = [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://w3id.org/vc/status-list/2021/v1',
    ];
    const sl2021 = (index: number) => ({
      id: `${url}#${index}`,
      type: 'StatusList2021Entry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: url,
    });
    const loader = new DocumentLoader({ documents: { [url]: list } });
    const revoked = await verifyCredential(await withStatus(key, sl2021(42), context), { now: NOW, loader });
    expect(statusOf(revoked).problem?.code).toBe('ERR_REVOKED');
    const clear = await verifyCredential(await withStatus(key, sl2021(43), context), { now: NOW, loader });
    expect(statusOf(clear).outcome).toBe('passed');
    expect(clear.verified).toBe(true);
  });
});

/** An unsigned Bitstring revocation list at LIST issued by `key`, with the given bits set. */
async function emptyList(key: Key<'ed25519'>, set: number[] = []): Promise<Record<string, unknown>> {
  const bytes = new Uint8Array(16_384);
  for (const index of set) bytes[index >> 3] = (bytes[index >> 3] as number) | (0x80 >> (index & 7));
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: LIST,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: key.controller,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {
      id: `${LIST}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: `u${gzipSync(bytes).toString('base64url')}`,
    },
  };
}
