import type { Achievement, Profile, Image } from './achievement.js';

/** How a credential is encoded: JSON-LD with embedded proofs, or a VC-JWT (compact JWS). */
export type CredentialFormat = 'json-ld' | 'vc-jwt';

/** A recipient identifier: plain, or hashed as `sha256$<hex of sha256(identifier + salt)>`. */
export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'emailAddress' | 'did' | 'url' | 'name' | 'sourcedId' | 'studentId' | `ext:${string}` | string;
  hashed: boolean;
  salt?: string;
}

/** The level or value a recipient achieved for one ResultDescription. */
export interface Result {
  type: ['Result'] | string[];
  resultDescription?: string;
  achievedLevel?: string;
  status?: 'Completed' | 'Enrolled' | 'Failed' | 'InProgress' | 'OnHold' | 'Provisional' | 'Withdrew';
  value?: string;
  alignment?: unknown[];
}

/** Evidence of the achievement: a URL to it and/or a description of it. */
export interface Evidence {
  id?: string;
  type: ['Evidence'] | string[];
  name?: string;
  narrative?: string;
  description?: string;
  genre?: string;
  audience?: string;
  [extension: string]: unknown;
}

/** Who achieved it: `id` (e.g. a DID) or `identifier` (IdentityObjects), and the achievement. */
export interface AchievementSubject {
  id?: string;
  type: ['AchievementSubject'] | string[];
  achievement: Achievement;
  identifier?: IdentityObject[];
  result?: Result[];
  awardedDate?: string;
  creditsEarned?: number;
  activityStartDate?: string;
  activityEndDate?: string;
  licenseNumber?: string;
  narrative?: string;
  role?: string;
  term?: string;
  image?: Image;
  [extension: string]: unknown;
}

/** A Data Integrity proof (or the older Ed25519Signature2020). */
export interface Proof {
  type: 'DataIntegrityProof' | 'Ed25519Signature2020' | string;
  cryptosuite?: string;
  created?: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod' | string;
  proofValue: string;
  [extension: string]: unknown;
}

/** A pointer to a status list entry (revocation or suspension). */
export interface CredentialStatus {
  id?: string;
  type: string;
  [extension: string]: unknown;
}

/** The fields of a credential other than the ones microcred can fill in or adds when signing. */
interface CredentialFields {
  type: string[];
  issuer: Profile;
  validUntil?: string;
  name: string;
  description?: string;
  image?: Image;
  awardedDate?: string;
  evidence?: Evidence[];
  credentialStatus?: CredentialStatus | CredentialStatus[];
  credentialSchema?: { id: string; type: string }[];
  [extension: string]: unknown;
}

/** Fields shared by every credential microcred issues. */
interface CredentialBase extends CredentialFields {
  '@context': string[];
  id: string;
  validFrom: string;
  proof?: Proof | Proof[];
}

/** An Open Badges 3.0 credential (`type` includes `OpenBadgeCredential` or its alias `AchievementCredential`). */
export interface OpenBadgeCredential extends CredentialBase {
  credentialSubject: AchievementSubject;
  endorsement?: EndorsementCredential[];
}

/** `AchievementCredential` is the spec's alias of `OpenBadgeCredential`. */
export type AchievementCredential = OpenBadgeCredential;

/** A credential that endorses an Achievement, a Profile or another credential. */
export interface EndorsementCredential extends CredentialBase {
  credentialSubject: { id: string; type: ['EndorsementSubject'] | string[]; endorsementComment?: string };
}

/** A credential before signing: `@context`, `id` and `validFrom` may be left for microcred to fill. */
export interface UnsignedCredential extends CredentialFields {
  '@context'?: string[];
  id?: string;
  validFrom?: string;
  credentialSubject: AchievementSubject;
  endorsement?: EndorsementCredential[];
}

declare const signedBrand: unique symbol;
/** A credential that carries a proof made by microcred. Only {@link issueCredential} returns one. */
export type SignedCredential = OpenBadgeCredential & { proof: Proof; readonly [signedBrand]: true };
