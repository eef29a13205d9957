// The 1EdTech validator's own Open Badges 2.0 test resources (test/fixtures/1edtech-validator/ob20,
// Apache-2.0), verified offline with their key, badge class and issuer documents supplied: the
// verdicts its OB20Tests assert (simple.jwt and simple-not-revoked.jwt valid, simple-revoked.jwt
// invalid, simple-badge.png a hosted assertion).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ErrorCode, verifyCredential } from '../../src/index.js';
import { NOW } from './helpers.js';

const DIR = fileURLToPath(new URL('../fixtures/1edtech-validator/ob20/', import.meta.url));
const text = (name: string) => readFileSync(`${DIR}${name}`, 'utf8').trim();
const asset = (name: string) => JSON.parse(text(`assets/${name}`)) as Record<string, unknown>;

// Every asset, served at its own id, as an issuer would publish them.
const ASSETS = [
  'key1.json',
  'key2.json',
  'key3.json',
  'organization.json',
  'organization-with-revocation-list.json',
  'organization-with-empty-revocation-list.json',
  'badge-from-organization-with-revocation-list.json',
  'badge-from-organization-with-empty-revocation-list.json',
  'revocation-list.json',
  'empty-revocation-list.json',
  'robotics-badge.json',
];
const documents = Object.fromEntries(ASSETS.map((name) => [asset(name).id as string, asset(name)]));

describe('the 1EdTech validator’s Open Badges 2.0 resources', () => {
  it('simple.jwt: a signed assertion verifies, and its recipient is nobody@example.org', async () => {
    const report = await verifyCredential(text('simple.jwt'), { now: NOW, documents, recipient: 'nobody@example.org' });
    expect(report).toMatchObject({
      verified: true,
      format: 'open-badges-2.0',
      credential: {
        name: 'Awesome Robotics Badge',
        issuer: { id: 'https://example.org/organization.json', name: 'An Example Badge Issuer' },
        proof: { type: 'SignedBadge', alg: 'RS256', verificationMethod: 'http://example.org/key1.json' },
      },
    });
    const wrong = await verifyCredential(text('simple.jwt'), {
      now: NOW,
      documents,
      recipient: 'somebody@example.org',
    });
    expect(wrong.checks.find((c) => c.id === 'recipient')?.outcome).toBe('failed');
  });

  it('simple-not-revoked.jwt verifies: its issuer’s revocation list is empty', async () => {
    const report = await verifyCredential(text('simple-not-revoked.jwt'), { now: NOW, documents });
    expect(report.verified).toBe(true);
  });

  it('simple-revoked.jwt is genuine but revoked, with the list’s reason', async () => {
    const report = await verifyCredential(text('simple-revoked.jwt'), { now: NOW, documents });
    const status = report.checks.find((c) => c.id === 'status');
    expect(status).toMatchObject({ outcome: 'failed', problem: { code: ErrorCode.REVOKED } });
    expect(status?.problem?.detail).toContain('A good reason, for sure');
    expect(report).toMatchObject({ verified: false, authentic: true });
  });

  it('simple.jwt checked against another issuer’s key fails', async () => {
    const swapped = {
      ...documents,
      'http://example.org/key1.json': { ...asset('key2.json'), id: 'http://example.org/key1.json' },
    };
    const report = await verifyCredential(text('simple.jwt'), { now: NOW, documents: swapped });
    expect(report.checks.find((c) => c.id === 'signature')?.problem?.code).toBe(ErrorCode.SIGNATURE_INVALID);
  });

  it('simple-badge.png: a baked hosted assertion, could-not-check without its hosted copy, verified with it', async () => {
    const png = new Uint8Array(readFileSync(`${DIR}simple-badge.png`));
    const offline = await verifyCredential(png, { now: NOW, documents });
    expect(offline).toMatchObject({ format: 'open-badges-2.0', image: 'png', summary: 'could-not-check' });
    expect(offline.checks.find((c) => c.id === 'hosted')?.problem?.detail).toContain(
      'https://example.org/beths-robotics-badge.json',
    );
    // The validator's resources hold no hosted copy of this assertion: the baked one is served as it.
    const baked = JSON.parse(
      Buffer.from(png)
        .toString('latin1')
        .match(/\{"@context".*?"hosted"\}\}/)![0],
    ) as object;
    const hosted = { ...documents, 'https://example.org/beths-robotics-badge.json': baked };
    expect((await verifyCredential(png, { now: NOW, documents: hosted })).verified).toBe(true);
  });
});
