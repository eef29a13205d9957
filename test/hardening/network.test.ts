// No network surprises: without a fetch passed in, verifying (JSON-LD over did:key, did:web, the
// https key of the OB test vector, status entries, VC-JWTs, baked badges) and issuing open no
// socket, resolve no name and call no fetch. Every way out of the process is watched at the lowest level it can be reached.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import {
  bakeCredential,
  generateKey,
  issueCredential,
  verifyCredential,
  type VerificationReport,
} from '../../src/index.js';
import { NOW, check, unsignedCredential } from '../helpers/credential.js';
import { badgePng, badgeSvg } from '../bake/helpers.js';
import { DCC_FIXTURES, dccBase, microcredBases, specVectorBase, type SignedBase } from './corpus.js';

const watched: [string, MockInstance][] = [];

beforeAll(() => {
  // Spies call through: a connection that is attempted is seen, whatever happens to it after.
  const watch = <T extends object>(name: string, target: T, method: keyof T & string) =>
    watched.push([name, vi.spyOn(target, method as never)]);
  watch('net.Socket.prototype.connect', net.Socket.prototype, 'connect');
  watch('net.connect', net, 'connect');
  watch('net.createConnection', net, 'createConnection');
  watch('tls.connect', tls, 'connect');
  watch('http.request', http, 'request');
  watch('http.get', http, 'get');
  watch('https.request', https, 'request');
  watch('https.get', https, 'get');
  watch('dns.lookup', dns, 'lookup');
  watch('dns.promises.lookup', dns.promises, 'lookup');
  watch('globalThis.fetch', globalThis, 'fetch');
});

afterAll(() => {
  vi.restoreAllMocks();
});

function calls(): string[] {
  return watched
    .filter(([, spy]) => spy.mock.calls.length > 0)
    .map(([name, spy]) => `${name} ×${spy.mock.calls.length}`);
}

function resetCalls(): void {
  for (const [, spy] of watched) spy.mockClear();
}

describe('the watch sees a connection when one is made', () => {
  it('fetch to a local server shows up as fetch and as a socket connect', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    resetCalls();
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    await new Promise((resolve) => server.close(resolve));
    expect(calls()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^globalThis\.fetch/),
        expect.stringMatching(/^net\.Socket\.prototype\.connect/),
      ]),
    );
  });

  it('http.request to a closed local port shows up too', async () => {
    resetCalls();
    await new Promise<void>((resolve) => {
      const request = http.request({ host: '127.0.0.1', port: 1 });
      request.on('error', () => resolve());
      request.end();
    });
    expect(calls()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^http\.request/),
        expect.stringMatching(/^net\.Socket\.prototype\.connect/),
      ]),
    );
  });
});

describe('with no fetch passed, nothing leaves the process', () => {
  let bases: SignedBase[];
  beforeAll(async () => {
    bases = [
      ...(await microcredBases()),
      specVectorBase(),
      ...DCC_FIXTURES['Ed25519Signature2020, VC 2.0'].map(dccBase),
      ...DCC_FIXTURES['eddsa-rdfc-2022, VC 2.0'].filter((f) => f.includes('revokedStatus')).map(dccBase),
    ];
  });

  const verifyAll = async (useLoader: boolean) => {
    const reports: [string, VerificationReport][] = [];
    for (const base of bases)
      reports.push([
        base.name,
        await verifyCredential(base.credential, { now: NOW, ...(useLoader ? { loader: base.loader } : {}) }),
      ]);
    return reports;
  };

  it('verifying did:key, did:web, a proof set, the https-keyed test vector, Ed25519Signature2020 and status entries', async () => {
    resetCalls();
    const reports = await verifyAll(true);
    expect(calls()).toEqual([]);
    // They were really verified, not refused early: the signature check ran on every one.
    for (const [name, report] of reports) expect(check(report, 'signature').outcome, name).toBe('passed');
    // A status entry is "not checked", never fetched.
    const status = reports.filter(([, r]) => check(r, 'status').outcome !== 'passed');
    expect(status.length).toBeGreaterThanOrEqual(2);
    for (const [, report] of status) expect(check(report, 'status').outcome).toBe('could-not-check');
  });

  it('verifying without the documents a credential needs (a did:web DID document, an https key): could not check, offline', async () => {
    resetCalls();
    const reports = await verifyAll(false);
    expect(calls()).toEqual([]);
    // The key needs the network (did:web, an https key document) and none was allowed.
    const offline = reports.filter(
      ([, r]) =>
        check(r, 'signature').outcome === 'could-not-check' &&
        ['ERR_NETWORK_DISABLED', 'ERR_KEY_UNRESOLVED'].includes(check(r, 'signature').problem?.code ?? ''),
    );
    expect(offline.map(([name]) => name)).toEqual(
      expect.arrayContaining(['microcred, did:web', 'microcred, two proofs, did:web', '1EdTech OB 3.0 test vector']),
    );
  });

  it('verifying a credential that names unknown contexts, keys and status lists by URL', async () => {
    resetCalls();
    const doc = structuredClone(bases[0]?.credential) as Record<string, unknown>;
    const remote = {
      ...doc,
      '@context': [...(doc['@context'] as string[]), 'https://contexts.example.org/extra/v1'],
      credentialStatus: {
        id: 'https://status.example.org/1#5',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '5',
        statusListCredential: 'https://status.example.org/1',
      },
      credentialSchema: [{ id: 'https://schemas.example.org/ob.json', type: '1EdTechJsonSchemaValidator2019' }],
    };
    const report = await verifyCredential(remote, { now: NOW });
    expect(check(report, 'jsonld').problem?.code).toBe('ERR_CONTEXT_UNKNOWN');
    const unknownKey = {
      ...doc,
      proof: { ...(doc.proof as Record<string, unknown>), verificationMethod: 'https://keys.example.org/issuer#key-1' },
    };
    expect(check(await verifyCredential(unknownKey, { now: NOW }), 'signature').outcome).not.toBe('passed');
    expect(calls()).toEqual([]);
  });

  it('verifying VC-JWTs and baked badges (PNG and SVG, a JSON credential and a VC-JWT)', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const jwt = await issueCredential(unsignedCredential(key), { key, format: 'jwt', now: NOW });
    resetCalls();
    const inputs = [
      jwt,
      bakeCredential(badgePng(), signed),
      bakeCredential(badgePng(), jwt),
      bakeCredential(badgeSvg(), signed),
      bakeCredential(badgeSvg(), jwt),
    ];
    for (const input of inputs) expect((await verifyCredential(input, { now: NOW })).verified).toBe(true);
    expect(calls()).toEqual([]);
  });

  it('issuing with did:key and did:web keys', async () => {
    resetCalls();
    const key = await generateKey();
    const web = (await generateKey()).withController('did:web:pd.example.org');
    for (const signer of [key, web]) {
      const signed = await issueCredential(unsignedCredential(signer), { key: signer, now: NOW });
      expect(signed.proof.verificationMethod).toBe(signer.id);
    }
    expect(calls()).toEqual([]);
  });
});
