// issueBatch as a specification: one credential per row, in order, each verifiable; a bad row is
// reported with its position and does not stop the batch unless failFast; abort stops it.
import { describe, expect, it } from 'vitest';
import {
  generateKey,
  issueBatch,
  matchesIdentity,
  MemoryStatusStore,
  StatusRegistry,
  verifyCredential,
  type BatchResult,
  type BatchRow,
  type SignedCredential,
} from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';

async function collect<R extends BatchRow>(it: AsyncIterable<BatchResult<R>>): Promise<BatchResult<R>[]> {
  const out: BatchResult<R>[] = [];
  for await (const r of it) out.push(r);
  return out;
}

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('issueBatch', () => {
  it('issues one verifiable credential per row, the recipient from the row and the issuer from the key', async () => {
    const key = await generateKey();
    const { id: _id, ...template } = unsignedCredential(key, { validFrom: undefined });
    delete (template as Record<string, unknown>).validFrom;
    (template.credentialSubject as unknown as Record<string, unknown>).id = 'did:example:template-subject';
    const rows: BatchRow[] = [
      { email: 'Ana.Ruiz@riverbend.example', name: 'Ana Ruiz', evidence: ['https://pd.example.org/e/1'] },
      { did: 'did:example:teacher-7', fields: { 'credentialSubject.term': 'Spring 2026' } },
    ];
    const progress: number[] = [];
    const results = await collect(
      issueBatch(slowly(rows), {
        template: template as never,
        key,
        now: NOW,
        onProgress: (p) => progress.push(p.done),
      }),
    );
    expect(results.map((r) => [r.ok, r.index])).toEqual([
      [true, 1],
      [true, 2],
    ]);
    expect(progress).toEqual([1, 2]);
    const [first, second] = results.map((r) => (r.ok ? (r.credential as SignedCredential) : undefined));
    expect(first!.id).not.toBe(second!.id);
    expect(first!.issuer).toMatchObject({ id: key.controller });
    const subject = first!.credentialSubject as unknown as Record<string, unknown>;
    expect(subject.id).toBeUndefined();
    const [emailId, nameId] = subject.identifier as Parameters<typeof matchesIdentity>[0][];
    expect(await matchesIdentity(emailId!, 'ana.ruiz@riverbend.example')).toBe(true);
    expect(nameId).toMatchObject({ identityType: 'name', hashed: false, identityHash: 'Ana Ruiz' });
    expect(first!.evidence).toEqual([{ id: 'https://pd.example.org/e/1', type: ['Evidence'] }]);
    expect(second!.credentialSubject).toMatchObject({ id: 'did:example:teacher-7', term: 'Spring 2026' });
    for (const credential of [first, second]) {
      const report = await verifyCredential(credential, { now: NOW });
      expect(report.verified, JSON.stringify(report.checks.filter((c) => c.outcome === 'failed'))).toBe(true);
    }
  });

  it('reports a bad row with its position and goes on; failFast stops at it', async () => {
    const key = await generateKey();
    const template = unsignedCredential(key);
    delete template.id;
    const rows: BatchRow[] = [
      { email: 'ok@example.org' },
      { name: 'No Recipient' },
      { email: 'x@example.org', fields: { 'issuer.name': 'Forged' } },
      { did: 'did:example:3', evidence: ['javascript:alert(1)'] },
      { did: 'did:example:4' },
    ];
    const results = await collect(issueBatch(rows, { template, key, now: NOW }));
    expect(results.map((r) => (r.ok ? 'ok' : `${r.index}:${r.error.code}:${r.error.details.path}`))).toEqual([
      'ok',
      '2:ERR_BATCH_ROW_INVALID:email',
      '3:ERR_BATCH_ROW_INVALID:issuer.name',
      '4:ERR_BATCH_ROW_INVALID:evidence[0]',
      'ok',
    ]);
    await expect(collect(issueBatch(rows, { template, key, now: NOW, failFast: true }))).rejects.toMatchObject({
      code: 'ERR_BATCH_ROW_INVALID',
    });
  });

  it('refuses a template that names another issuer, before any row', async () => {
    const key = await generateKey();
    const template = unsignedCredential({ controller: 'did:example:someone-else' });
    delete template.id;
    let pulled = 0;
    const rows = (function* () {
      pulled++;
      yield { did: 'did:example:1' };
    })();
    await expect(collect(issueBatch(rows, { template, key }))).rejects.toMatchObject({ code: 'ERR_ISSUER_MISMATCH' });
    expect(pulled).toBe(0);
  });

  it('stops when its signal is aborted, and gives each credential its status entries', async () => {
    const key = await generateKey();
    const template = unsignedCredential(key);
    delete template.id;
    const registry = new StatusRegistry({
      store: new MemoryStatusStore(),
      key,
      listBaseUrl: 'https://pd.example.org/status',
    });
    const controller = new AbortController();
    const rows = Array.from({ length: 5 }, (_, i) => ({ did: `did:example:${i}` }));
    const seen: BatchResult[] = [];
    const run = async () => {
      for await (const r of issueBatch(rows, { template, key, status: registry, signal: controller.signal })) {
        seen.push(r);
        if (seen.length === 2) controller.abort(new Error('stopped by the test'));
      }
    };
    await expect(run()).rejects.toThrow('stopped by the test');
    expect(seen).toHaveLength(2);
    const indexes = seen.map((r) => (r.ok ? r.status.map((s) => `${s.statusPurpose}:${s.statusListIndex}`) : []));
    expect(indexes[0]).toHaveLength(2);
    expect(new Set(indexes.flat()).size).toBe(4);
    const statuses = await registry.statusOf(seen[1]!.ok ? seen[1]!.id : '');
    expect(statuses).toHaveLength(2);
  });
});
