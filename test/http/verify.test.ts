// POST /credentials/verify: every credential, verified or not, gets its report with 200; only a body
// that is no request at all is refused, each with its own status and a message saying what to send.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DocumentLoader,
  bakeCredential,
  issueCredential,
  type Key,
  type SignedCredential,
  type VerificationReport,
} from '../../src/index.js';
import { badgePng, badgeSvg, signedCredential, signedJwt } from '../bake/helpers.js';
import { NOW, clone, unsignedCredential } from '../helpers/credential.js';
import { newRegistry } from '../status/helpers.js';
import { BASE, endlessBody, handler, post, postStream } from './helpers.js';

let key: Key<'ed25519'>;
let signed: SignedCredential;
let jwt: string;

beforeAll(async () => {
  ({ key, signed } = await signedCredential());
  jwt = await signedJwt(key);
});

async function reportOf(response: Response): Promise<VerificationReport> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as VerificationReport;
}

async function errorOf(response: Response, status: number): Promise<{ code: string; title: string; detail: string }> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; title: string; detail: string } };
  expect(body.error.title).toMatch(/^\S.*\S$/);
  return body.error;
}

describe('POST /credentials/verify', () => {
  it('the VC-API shape {verifiableCredential, options}: 200 and the report of a valid credential', async () => {
    const body = JSON.stringify({ verifiableCredential: signed, options: {} });
    const report = await reportOf(await handler()(post(body, 'application/json')));
    expect(report).toMatchObject({ verified: true, summary: 'verified', format: 'json-ld' });
    expect(report.credential?.name).toBe('Formative Assessment Practice');
  });

  it('a tampered credential is a report too (200), its signature failed', async () => {
    const tampered = clone(signed) as Record<string, unknown>;
    tampered.name = 'Advanced Formative Assessment';
    const report = await reportOf(
      await handler()(post(JSON.stringify({ verifiableCredential: tampered }), 'application/json')),
    );
    expect(report).toMatchObject({ verified: false, authentic: false, summary: 'invalid' });
    expect(report.checks.find((c) => c.id === 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_SIGNATURE_INVALID' },
    });
  });

  it.each(['application/ld+json', 'application/vc+ld+json', 'application/octet-stream', undefined])(
    'the credential itself as %s',
    async (type) => {
      const report = await reportOf(await handler()(post(JSON.stringify(signed), type)));
      expect(report.verified).toBe(true);
    },
  );

  it('a credential sent as JSON text keeps what JSON.parse would hide: a member written twice', async () => {
    const text = JSON.stringify(signed).replace('"name":', '"name":"Another badge","name":');
    const report = await reportOf(await handler()(post(text, 'application/json')));
    expect(report.verified).toBe(false);
    expect(JSON.stringify(report.checks)).toContain('ERR_INPUT_DUPLICATE_KEY');
  });

  it.each([
    ['application/jwt', (t: string) => t],
    ['text/plain', (t: string) => `${t}\n`],
    [undefined, (t: string) => t],
    ['application/json', (t: string) => JSON.stringify({ verifiableCredential: t })],
  ])('a VC-JWT as %s', async (type, body) => {
    const report = await reportOf(await handler()(post(body(jwt), type)));
    expect(report).toMatchObject({ verified: true, format: 'vc-jwt' });
  });

  it('a tampered VC-JWT is invalid', async () => {
    const [header, payload, signature] = jwt.split('.');
    const changed = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    changed.name = 'Another badge';
    const forged = [header, Buffer.from(JSON.stringify(changed)).toString('base64url'), signature].join('.');
    const report = await reportOf(await handler()(post(forged, 'application/jwt')));
    expect(report).toMatchObject({ verified: false, authentic: false });
  });

  it.each(['image/png', 'application/octet-stream', undefined])('a baked PNG uploaded as %s', async (type) => {
    const png = bakeCredential(badgePng(), signed);
    const report = await reportOf(await handler()(post(png, type)));
    expect(report).toMatchObject({ verified: true, image: 'png', format: 'json-ld' });
    expect(report.checks[0]).toMatchObject({ id: 'extract', outcome: 'passed' });
  });

  it('a baked SVG uploaded as image/svg+xml', async () => {
    const svg = bakeCredential(badgeSvg(), jwt);
    const report = await reportOf(await handler()(post(svg, 'image/svg+xml')));
    expect(report).toMatchObject({ verified: true, image: 'svg', format: 'vc-jwt' });
  });

  it('a PNG with no credential baked in is a report saying so, not an error', async () => {
    const report = await reportOf(await handler()(post(badgePng(), 'image/png')));
    expect(report.checks[0]).toMatchObject({
      id: 'extract',
      outcome: 'failed',
      problem: { code: 'ERR_IMAGE_NO_CREDENTIAL' },
    });
  });

  it('malformed JSON: 400, and the message says it is not valid JSON and where', async () => {
    const error = await errorOf(await handler()(post('{"verifiableCredential": {', 'application/json')), 400);
    expect(error.code).toBe('ERR_HTTP_BODY_INVALID');
    expect(error.detail).toMatch(/sent as application\/json but is not valid JSON: .+/);
  });

  it.each([
    ['', 'application/json', /The body is empty/],
    ['[1, 2]', 'application/json', /not an object/],
    ['{"verifiableCredential": [1]}', 'application/json', /presentation goes to \/presentations\/verify/],
    ['{"verifiableCredential": 42}', 'application/json', /must be the credential/],
    ['{"verifiableCredential": {}, "options": 3}', 'application/json', /"options" must be an object/],
  ])('%j as %s is no request: 400 %s', async (body, type, message) => {
    const error = await errorOf(await handler()(post(body, type)), 400);
    expect(error).toMatchObject({ code: 'ERR_HTTP_BODY_INVALID', detail: expect.stringMatching(message) });
  });

  it.each(['multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/html'])(
    'a body sent as %s: 415, naming what the service reads',
    async (type) => {
      const error = await errorOf(await handler()(post('a=b', type)), 415);
      expect(error.code).toBe('ERR_HTTP_MEDIA_TYPE_UNSUPPORTED');
      expect(error.detail).toContain('application/json');
      expect(error.detail).toContain('image/png');
    },
  );

  it('an oversized body: 413 as soon as the cap is passed, without reading the rest', async () => {
    const { stream, state } = endlessBody(64 * 1024);
    const response = await handler({ maxBodyBytes: 256 * 1024 })(postStream(stream, 'image/png'));
    const error = await errorOf(response, 413);
    expect(error.code).toBe('ERR_HTTP_BODY_TOO_LARGE');
    expect(error.detail).toContain('262144 bytes');
    // An endless body: the service took just over the cap and hung up.
    expect(state.pulled).toBeLessThanOrEqual(256 * 1024 + 2 * 64 * 1024);
    expect(state.cancelled).toBe(true);
  });

  it('a Content-Length over the cap: 413 before a byte is read', async () => {
    const { stream, state } = endlessBody();
    const response = await handler({ maxBodyBytes: 1000 })(
      postStream(stream, 'application/json', { 'content-length': '5000' }),
    );
    expect((await errorOf(response, 413)).code).toBe('ERR_HTTP_BODY_TOO_LARGE');
    expect(state.pulled).toBe(0);
  });

  it('the default cap is 1 MiB: a 2 MiB upload is refused', async () => {
    const response = await handler()(post(new Uint8Array(2 * 1024 * 1024), 'image/png'));
    expect((await errorOf(response, 413)).detail).toContain('1048576 bytes');
  });

  it('a body that stalls: 408 once the deadline passes, not a request held for ever', async () => {
    const { stream } = endlessBody(1024, 1024);
    const started = Date.now();
    const response = await handler({ timeoutMs: 300 })(postStream(stream, 'application/json'));
    expect((await errorOf(response, 408)).code).toBe('ERR_HTTP_BODY_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(300 + 1500);
  });
});

describe('the routes', () => {
  it('GET /health: ok and the version', async () => {
    const response = await handler()(new Request(`${BASE}/health`));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('an unknown path: 404 naming what is served', async () => {
    const error = await errorOf(await handler()(new Request(`${BASE}/verify`)), 404);
    expect(error.detail).toContain('POST /credentials/verify');
  });

  it('a known path with another method: 405 with Allow', async () => {
    const response = await handler()(new Request(`${BASE}/credentials/verify`));
    expect((await errorOf(response, 405)).code).toBe('ERR_HTTP_METHOD_NOT_ALLOWED');
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('the held loader, documents and trust list apply to every request: a revoked badge, its issuer known', async () => {
    const { key: issuerKey, registry } = await newRegistry();
    const badge = await issueCredential(unsignedCredential(issuerKey), { key: issuerKey, now: NOW, status: registry });
    await registry.revoke(badge.id as string);
    const loader = new DocumentLoader();
    for (const list of await registry.publish()) loader.add(list.id, list);
    const serve = handler({ loader, trust: [{ id: issuerKey.controller as string, name: 'Example District PD' }] });
    for (let i = 0; i < 2; i++) {
      const report = await reportOf(await serve(post(JSON.stringify(badge), 'application/json')));
      expect(report).toMatchObject({ verified: false, authentic: true, issuerTrust: { name: 'Example District PD' } });
      expect(report.checks.find((c) => c.id === 'status')?.problem?.code).toBe('ERR_REVOKED');
    }
    // Without the loader the list is not held, and the service does not fetch it.
    const blind = await reportOf(await handler()(post(JSON.stringify(badge), 'application/json')));
    expect(blind.checks.find((c) => c.id === 'status')?.outcome).toBe('could-not-check');
  });
});
