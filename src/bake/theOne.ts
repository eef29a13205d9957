import { ErrorCode, MicrocredError } from '../errors.js';
import type { ImageKind } from '../verify/report.js';

/** Something baked into an image: an Open Badges 3.0 credential or a 2.0 assertion, and where it is. */
export interface Baked<T> {
  version: 3 | 2;
  /** Where it is, for messages: "the iTXt chunk at byte 120", "line 4". */
  where: string;
  item: T;
}

const NAMES: Record<ImageKind, { 3: string; 2: string }> = {
  png: { 3: '"openbadgecredential" text chunk', 2: '"openbadges" text chunk' },
  svg: { 3: '<openbadges:credential> element', 2: '<openbadges:assertion> element' },
};

/**
 * The one Open Badges 3.0 credential among what an image holds. Several (3.0 twice, or 3.0 beside
 * a 2.0 assertion) are ambiguous: the specification allows one, and a verifier must not pick.
 * A 2.0 assertion alone gets its own code, so that a verifier can say what it found.
 */
export function theOneCredential<T>(kind: ImageKind, baked: Baked<T>[]): Baked<T> {
  const label = kind.toUpperCase();
  const current = baked.filter((b) => b.version === 3);
  if (baked.length > 1) {
    const list = baked.map((b) => `${NAMES[kind][b.version]} (${b.where})`).join(', ');
    throw new MicrocredError(
      ErrorCode.IMAGE_AMBIGUOUS,
      `The ${label} holds ${baked.length} baked badges: ${list}. An image carries one credential, so microcred will not choose; bake the credential again to replace them.`,
      { found: baked.map((b) => ({ version: b.version, where: b.where })) },
    );
  }
  if (current[0]) return current[0];
  if (baked[0]) {
    throw new MicrocredError(
      ErrorCode.IMAGE_OPEN_BADGES_2,
      `This is an Open Badges 2.0 badge (its ${NAMES[kind][2]}, ${baked[0].where}); microcred verifies Open Badges 3.0 credentials. Ask the issuer for the 3.0 credential, or use an Open Badges 2.0 verifier.`,
      { where: baked[0].where },
    );
  }
  throw new MicrocredError(ErrorCode.IMAGE_NO_CREDENTIAL, `The ${label} holds no baked credential: it has no ${NAMES[kind][3]}. It may be the badge's plain image rather than an awarded badge.`);
}
