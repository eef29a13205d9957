// An Open Badges 2.0 badge read by microcred, offline: an issuer signs an assertion (a JWS, RS256)
// as 2.0 issuers did, a verifier checks it with the issuer's documents supplied, names the
// recipient, then sees what a changed badge and an unlisted key look like.
// Run: npx tsup --silent && node examples/ob2/verify-ob2.mjs
import { createHash, generateKeyPairSync } from 'node:crypto';
import { CompactSign, importPKCS8 } from 'jose';
import { formatReport, verifyCredential } from '../../dist/index.js';

const ORIGIN = 'https://badges.riverbend.example';
const ISSUER = `${ORIGIN}/issuer.json`;
const BADGE = `${ORIGIN}/badges/formative-assessment.json`;
const KEY = `${ORIGIN}/keys/1.json`;
const CONTEXT = 'https://w3id.org/openbadges/v2';
const EMAIL = 'ana.ruiz@riverbend.example';
const SALT = 'c0ffee';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const issuer = {
  '@context': CONTEXT,
  type: 'Issuer',
  id: ISSUER,
  name: 'Riverbend District Professional Learning',
  url: ORIGIN,
  email: 'badges@riverbend.example',
  publicKey: KEY,
};
const badge = {
  '@context': CONTEXT,
  type: 'BadgeClass',
  id: BADGE,
  name: 'Formative Assessment',
  description: 'Uses formative assessment data to adjust instruction during a lesson.',
  image: `${ORIGIN}/badges/formative-assessment.png`,
  criteria: { narrative: 'A reviewed lesson plan and classroom evidence.' },
  issuer: ISSUER,
};
const key = {
  '@context': CONTEXT,
  type: 'CryptographicKey',
  id: KEY,
  owner: ISSUER,
  publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};
const assertion = {
  '@context': CONTEXT,
  type: 'Assertion',
  id: 'urn:uuid:8c1f0c6e-3f7a-4b3e-9d2a-5b0f6d7e8a91',
  recipient: {
    type: 'email',
    hashed: true,
    salt: SALT,
    identity: `sha256$${createHash('sha256')
      .update(EMAIL + SALT)
      .digest('hex')}`,
  },
  badge: BADGE,
  issuedOn: '2026-01-15T09:00:00Z',
  verification: { type: 'SignedBadge', creator: KEY },
};

const sign = async (payload) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'RS256' })
    .sign(await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256'));

const documents = { [ISSUER]: issuer, [BADGE]: badge, [KEY]: key };
const jws = await sign(assertion);

console.log("1. The signed badge, the issuer's documents supplied, the recipient named:\n");
const report = await verifyCredential(jws, { documents, recipient: EMAIL });
console.log(formatReport(report, { color: false }));
if (!report.verified || report.format !== 'open-badges-2.0') throw new Error('the signed OB 2.0 badge should verify');

console.log('\n2. The same badge with its date changed after signing:\n');
const [header, , signature] = jws.split('.');
const changed = `${header}.${Buffer.from(JSON.stringify({ ...assertion, issuedOn: '2025-01-15T09:00:00Z' })).toString('base64url')}.${signature}`;
const tampered = await verifyCredential(changed, { documents });
console.log(formatReport(tampered, { color: false }));
if (tampered.verified) throw new Error('a changed OB 2.0 badge must not verify');

console.log("\n3. Without the issuer's documents (and no fetch), nothing is looked up:\n");
const offline = await verifyCredential(jws);
console.log(formatReport(offline, { color: false }));
if (offline.verified) throw new Error('without its key the badge cannot be verified');
