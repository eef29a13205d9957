// A hosted Open Badges 2.0 assertion (§HostedBadge): the issuer's copy at its id is the source of
// truth, read only through the caller's documents or fetch, on a host the issuer allows; one deadline
// bounds every request.
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, formatReport, verifyCredential, type VerificationReport } from '../../src/index.js';
import { LOCAL, json, localServer } from '../network/helpers.js';
import {
  BADGE,
  HOSTED,
  ISSUER,
  NETWORK,
  NOW,
  ORIGIN,
  assertion,
  badgeClass,
  fetchServing,
  issuerProfile,
  type Doc,
} from './helpers.js';

const outcome = (report: VerificationReport, id: string) => report.checks.find((c) => c.id === id);

// What a deadline may be overrun by on a loaded 2-core machine: the checks' own work after it.
const MARGIN_MS = 1500;

let hosted: Doc;
let published: Record<string, Doc>;

beforeAll(() => {
  hosted = assertion('hosted');
  published = { [HOSTED]: hosted, [BADGE]: badgeClass(), [ISSUER]: issuerProfile({ publicKey: undefined }) };
});

describe('a hosted Open Badges 2.0 assertion', () => {
  it('verifies when the issuer hosts the same assertion at its id', async () => {
    const fetch = fetchServing(published);
    const report = await verifyCredential(JSON.stringify(hosted), { now: NOW, fetch, network: NETWORK });
    expect(report).toMatchObject({ verified: true, authentic: true, format: 'open-badges-2.0' });
    expect(report.checks.map((c) => c.id)).toEqual([
      'parse',
      'type',
      'hosted',
      'badge',
      'issuer',
      'validity',
      'status',
    ]);
    expect(report.credential?.proof).toEqual({ type: 'HostedBadge' });
    expect(fetch.asked).toContain(HOSTED);
    expect(formatReport(report)).toContain('Open Badges 2.0 assertion, hosted by its issuer');
  });

  it('verifies against a real server on 127.0.0.1, under a policy that allows it', async () => {
    // The routes are read at each request, so they can name the server's port once it has one.
    const routes: Parameters<typeof localServer>[0] = {};
    const server = await localServer(routes);
    try {
      const at = (path: string) => `${server.origin}${path}`;
      const given = assertion('hosted', { id: at('/a/1.json'), badge: at('/badge.json') });
      routes['/a/1.json'] = json(200, given);
      routes['/badge.json'] = json(200, badgeClass({ id: at('/badge.json'), issuer: at('/issuer.json') }));
      routes['/issuer.json'] = json(
        200,
        issuerProfile({ id: at('/issuer.json'), url: server.origin, publicKey: undefined }),
      );
      const report = await verifyCredential(given, { now: NOW, fetch: globalThis.fetch, network: LOCAL });
      expect(report.verified).toBe(true);
      expect(server.requests.sort()).toEqual(['/a/1.json', '/badge.json', '/issuer.json']);
    } finally {
      await server.close();
    }
  });

  it('fails when the issuer’s copy differs from the one given, naming where', async () => {
    const changed = { ...hosted, issuedOn: '2025-09-01T09:00:00Z' };
    const report = await verifyCredential(changed, { now: NOW, fetch: fetchServing(published), network: NETWORK });
    expect(outcome(report, 'hosted')).toMatchObject({
      outcome: 'failed',
      problem: { code: ErrorCode.OB2_HOSTED_MISMATCH, path: 'issuedOn' },
    });
    expect(report).toMatchObject({ verified: false, authentic: false, summary: 'invalid' });
  });

  it('fails when the issuer no longer hosts it', async () => {
    const { [HOSTED]: _gone, ...rest } = published;
    const report = await verifyCredential(hosted, { now: NOW, fetch: fetchServing(rest), network: NETWORK });
    expect(outcome(report, 'hosted')?.outcome).toBe('could-not-check');
    expect(outcome(report, 'hosted')?.problem?.detail).toContain(HOSTED);
    expect(report.authentic).toBe(false);
  });

  it('without a fetch, is could-not-check naming the assertion URL, and nothing else is tried', async () => {
    const report = await verifyCredential(hosted, { now: NOW });
    expect(outcome(report, 'hosted')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: ErrorCode.NETWORK_DISABLED, path: 'id' },
    });
    expect(outcome(report, 'hosted')?.problem?.detail).toContain(HOSTED);
    expect(report.checks.slice(3).map((c) => c.outcome)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(report).toMatchObject({ verified: false, authentic: false, summary: 'could-not-check' });
    expect(formatReport(report)).toMatch(/^\? Could not check — a document needs the network/);
  });

  it('verifies offline when the caller supplies the issuer’s documents', async () => {
    const report = await verifyCredential(hosted, { now: NOW, documents: published });
    expect(report.verified).toBe(true);
  });

  it('is revoked when the issuer’s current copy says so, with its reason', async () => {
    const current = {
      ...published,
      [HOSTED]: { ...hosted, revoked: true, revocationReason: 'Issued to the wrong person' },
    };
    const report = await verifyCredential(hosted, { now: NOW, documents: current });
    expect(outcome(report, 'hosted')?.outcome).toBe('passed');
    expect(outcome(report, 'status')).toMatchObject({ outcome: 'failed', problem: { code: ErrorCode.REVOKED } });
    expect(outcome(report, 'status')?.problem?.detail).toContain('Issued to the wrong person');
    expect(report).toMatchObject({ verified: false, authentic: true });
  });

  it('fails when a document read for a URL says it is another', async () => {
    const report = await verifyCredential(hosted, {
      now: NOW,
      documents: { ...published, [BADGE]: badgeClass({ id: `${ORIGIN}/badges/other.json` }) },
    });
    expect(outcome(report, 'badge')).toMatchObject({
      outcome: 'failed',
      problem: { code: ErrorCode.OB2_DOCUMENT_INVALID, path: 'badge' },
    });
  });
});

describe('where a hosted assertion may be', () => {
  const elsewhere = 'https://copies.example/assertions/42.json';
  const verifyAt = (id: string, issuer: Doc) => {
    const given = assertion('hosted', { id });
    return verifyCredential(given, { now: NOW, documents: { [id]: given, [BADGE]: badgeClass(), [ISSUER]: issuer } });
  };

  it('without a policy, only on the issuer’s own host', async () => {
    const report = await verifyAt(elsewhere, issuerProfile({ publicKey: undefined }));
    expect(outcome(report, 'hosted')?.outcome).toBe('passed');
    expect(outcome(report, 'issuer')).toMatchObject({
      outcome: 'failed',
      problem: { code: ErrorCode.OB2_ORIGIN_NOT_ALLOWED, path: 'id' },
    });
    expect(report.authentic).toBe(false);
  });

  it('on an origin the issuer lists in verification.allowedOrigins', async () => {
    const policy = (origins: string[]) =>
      issuerProfile({ verification: { type: 'VerificationObject', allowedOrigins: origins } });
    expect((await verifyAt(elsewhere, policy(['copies.example']))).verified).toBe(true);
    const report = await verifyAt(HOSTED, policy(['copies.example']));
    expect(outcome(report, 'issuer')?.problem?.code).toBe(ErrorCode.OB2_ORIGIN_NOT_ALLOWED);
  });

  it('under a prefix the issuer lists in verification.startsWith', async () => {
    const policy = issuerProfile({
      verification: { startsWith: [`${ORIGIN}/assertions/`, 'https://copies.example/x/'] },
    });
    expect((await verifyAt(HOSTED, policy)).verified).toBe(true);
    const report = await verifyAt(`${ORIGIN}/other/42.json`, policy);
    expect(outcome(report, 'issuer')?.problem?.code).toBe(ErrorCode.OB2_ORIGIN_NOT_ALLOWED);
  });
});

describe('one deadline bounds every request', () => {
  it('a fetch that never answers ends the verification at timeoutMs, naming the URL', async () => {
    const stalled = (async () => new Promise<Response>(() => undefined)) as typeof globalThis.fetch;
    const started = Date.now();
    const report = await verifyCredential(hosted, { now: NOW, fetch: stalled, network: NETWORK, timeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(400 + MARGIN_MS);
    expect([ErrorCode.VERIFY_TIMEOUT, ErrorCode.NETWORK_TIMEOUT]).toContain(outcome(report, 'hosted')?.problem?.code);
    expect(outcome(report, 'hosted')?.problem?.detail).toContain(HOSTED);
    expect(report.summary).toBe('could-not-check');
  });

  it('a badge class that stalls after the assertion answered is bounded by the same deadline', async () => {
    const answering = fetchServing({ [HOSTED]: hosted });
    const fetch = (async (input: string | URL | Request, init?: RequestInit) =>
      String(input) === HOSTED
        ? answering(input, init)
        : new Promise<Response>(() => undefined)) as typeof globalThis.fetch;
    const started = Date.now();
    const report = await verifyCredential(hosted, { now: NOW, fetch, network: NETWORK, timeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(400 + MARGIN_MS);
    expect(outcome(report, 'hosted')?.outcome).toBe('passed');
    expect(outcome(report, 'badge')?.outcome).toBe('could-not-check');
    expect(outcome(report, 'badge')?.problem?.detail).toContain(BADGE);
  });
});

describe('a hosted assertion given by its URL', () => {
  it('is read through the caller’s fetch and verified', async () => {
    const fetch = fetchServing(published);
    const report = await verifyCredential(HOSTED, { now: NOW, fetch, network: NETWORK });
    expect(report).toMatchObject({ verified: true, format: 'open-badges-2.0', credential: { id: HOSTED } });
  });

  it('without a fetch, is could-not-check naming the URL', async () => {
    const report = await verifyCredential(` ${HOSTED}\n`, { now: NOW });
    expect(report.checks[0]).toMatchObject({
      id: 'parse',
      outcome: 'could-not-check',
      problem: { code: ErrorCode.NETWORK_DISABLED },
    });
    expect(report.checks[0]?.problem?.detail).toContain(HOSTED);
  });

  it('fails when the URL holds something else than an OB 2.0 assertion', async () => {
    const url = `${ORIGIN}/credential.json`;
    const fetch = fetchServing({
      [url]: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] },
    });
    const report = await verifyCredential(url, { now: NOW, fetch, network: NETWORK });
    expect(report.checks[0]).toMatchObject({
      id: 'parse',
      outcome: 'failed',
      problem: { code: ErrorCode.OB2_INVALID },
    });
  });

  it('where the document at the URL names another id, the issuer’s copy at that id decides', async () => {
    const mirror = 'https://mirror.example/42.json';
    const fetch = fetchServing({ ...published, [mirror]: { ...hosted, issuedOn: '2025-01-01T00:00:00Z' } });
    const report = await verifyCredential(mirror, { now: NOW, fetch, network: NETWORK });
    expect(outcome(report, 'hosted')).toMatchObject({
      outcome: 'failed',
      problem: { code: ErrorCode.OB2_HOSTED_MISMATCH },
    });
  });
});
