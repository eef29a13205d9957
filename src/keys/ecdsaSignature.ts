/**
 * An ECDSA P-256 signature as JWS wants it (RFC 7518 §3.4: r ‖ s, 32 bytes each) from either that
 * form or the DER `Ecdsa-Sig-Value` (RFC 3279 §2.2.3: SEQUENCE { r INTEGER, s INTEGER }) that AWS
 * KMS, Google Cloud KMS, PKCS #11 wrappers and OpenSSL return. Anything else comes back unchanged,
 * for the signature check to refuse.
 */
export function jwsEcdsaSignature(signature: Uint8Array): Uint8Array {
  if (signature.length === 64 || signature[0] !== 0x30) return signature;
  const der = readDerPair(signature);
  if (!der) return signature;
  const out = new Uint8Array(64);
  out.set(der.r, 32 - der.r.length);
  out.set(der.s, 64 - der.s.length);
  return out;
}

// SEQUENCE (short length) of two positive INTEGERs of at most 32 significant bytes each.
function readDerPair(bytes: Uint8Array): { r: Uint8Array; s: Uint8Array } | undefined {
  if (bytes[1] !== bytes.length - 2) return undefined;
  const r = readInteger(bytes, 2);
  if (!r) return undefined;
  const s = readInteger(bytes, r.next);
  if (!s || s.next !== bytes.length) return undefined;
  return { r: r.value, s: s.value };
}

function readInteger(bytes: Uint8Array, at: number): { value: Uint8Array; next: number } | undefined {
  const length = bytes[at + 1];
  if (bytes[at] !== 0x02 || length === undefined || length === 0 || length > 33) return undefined;
  const next = at + 2 + length;
  if (next > bytes.length) return undefined;
  let value = bytes.subarray(at + 2, next);
  // A leading zero only keeps a high bit from reading as a sign.
  while (value.length > 1 && value[0] === 0) value = value.subarray(1);
  if (value.length > 32) return undefined;
  return { value, next };
}
