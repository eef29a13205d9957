// An external signer for `microcred issue ... --signer kms-signer.mjs` (and `microcred status ...
// --signer`). It stands in for a KMS or HSM: here the "KMS" is a microcred key file that microcred
// itself is never given (KMS_KEY_FILE, default kms.key.json in the current folder), and signing is
// node:crypto's Ed25519. A real module keeps the same export and replaces `sign` with the KMS call
// (send the bytes and the KMS key's name, return the signature bytes), passing `signal` on.
//
// What microcred needs: the verification method id (here the key's did:key), the algorithm, the
// PUBLIC key, and sign(data) → Promise<Uint8Array>. microcred checks every signature against the
// public key before it uses it, and the key's DID must be the credentials' issuer.
import { readFileSync } from 'node:fs';
import { createPrivateKey, sign } from 'node:crypto';

const file = JSON.parse(readFileSync(process.env.KMS_KEY_FILE ?? 'kms.key.json', 'utf8'));
const kmsKey = ed25519PrivateKey(file.secretKeyMultibase);

/** The signer microcred loads: the module's `signer` export (a default export works too). */
export const signer = {
  id: file.id,
  algorithm: 'Ed25519',
  publicKey: file.publicKeyMultibase,
  async sign(data, { signal } = {}) {
    signal?.throwIfAborted();
    return new Uint8Array(sign(null, data, kmsKey));
  },
};

// A Multikey Ed25519 secret (`z` + base58btc of 0x80 0x26 ‖ 32-byte seed) as a node:crypto key.
function ed25519PrivateKey(multibase) {
  const bytes = base58btc(multibase.slice(1));
  if (multibase[0] !== 'z' || bytes[0] !== 0x80 || bytes[1] !== 0x26 || bytes.length !== 34)
    throw new Error('the KMS stand-in holds an Ed25519 key file (from "microcred keys generate")');
  const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  return createPrivateKey({ key: Buffer.concat([pkcs8Prefix, bytes.subarray(2)]), format: 'der', type: 'pkcs8' });
}

function base58btc(text) {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let value = 0n;
  for (const char of text) {
    const digit = alphabet.indexOf(char);
    if (digit < 0) throw new Error(`not base58btc: ${char}`);
    value = value * 58n + BigInt(digit);
  }
  const hex = value.toString(16);
  const body = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  const zeros = text.length - text.replace(/^1+/, '').length;
  return Buffer.concat([Buffer.alloc(zeros), body]);
}
