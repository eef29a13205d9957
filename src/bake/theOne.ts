import { ErrorCode, MicrocredError } from '../errors.js';
import type { ImageKind } from './image.js';

/** Something baked into an image: an Open Badges 3.0 credential or a 2.0 assertion, and where it is. */
export interface Baked<T> {
  version: 3 | 2;
  /** Where it is, for messages: "the iTXt chunk at byte 120", "line 4". */
  where: string;
  item: T;
}

/**
 * What an image holds, as found: the first `keep` entries and a count of all. Extraction keeps a
 * few, so that an image crafted with a million baked elements costs no more than its scan.
 */
export class FoundBadges<T> {
  readonly items: Baked<T>[] = [];
  count = 0;

  constructor(private readonly keep = Infinity) {}

  add(entry: Baked<T>): void {
    this.count++;
    if (this.items.length < this.keep) this.items.push(entry);
  }
}

const NAMES: Record<ImageKind, { 3: string; 2: string }> = {
  png: { 3: '"openbadgecredential" text chunk', 2: '"openbadges" text chunk' },
  svg: { 3: '<openbadges:credential> element', 2: '<openbadges:assertion> element' },
};

// How many a message lists before "and N more".
const LISTED = 3;

/**
 * The one Open Badges 3.0 credential among what an image holds. Several (3.0 twice, or 3.0 beside
 * a 2.0 assertion) are ambiguous: the specification allows one, and a verifier must not pick.
 * A 2.0 assertion alone is returned with `openBadges2` (the verifier reads 2.0 too); otherwise it
 * gets its own code, so that the caller can say what it found.
 */
export function theOneCredential<T>(kind: ImageKind, found: FoundBadges<T>, openBadges2 = false): Baked<T> {
  const label = kind.toUpperCase();
  const [first] = found.items;
  if (found.count > 1) {
    const listed = found.items.slice(0, LISTED).map((b) => `${NAMES[kind][b.version]} (${b.where})`);
    if (found.count > LISTED) listed.push(`and ${found.count - LISTED} more`);
    throw new MicrocredError(
      ErrorCode.IMAGE_AMBIGUOUS,
      `The ${label} holds ${found.count} baked badges: ${listed.join(', ')}. An image carries one credential, so microcred will not choose; bake the credential again to replace them.`,
      { count: found.count, found: found.items.map((b) => ({ version: b.version, where: b.where })) },
    );
  }
  if (first?.version === 3 || (first && openBadges2)) return first;
  if (first) {
    throw new MicrocredError(
      ErrorCode.IMAGE_OPEN_BADGES_2,
      `This is an Open Badges 2.0 badge (its ${NAMES[kind][2]}, ${first.where}); extractCredential takes out Open Badges 3.0 credentials only. Pass the image to verifyCredential, which reads and verifies Open Badges 2.0 assertions too.`,
      { where: first.where },
    );
  }
  throw new MicrocredError(
    ErrorCode.IMAGE_NO_CREDENTIAL,
    `The ${label} holds no baked credential: it has no ${NAMES[kind][3]}. It may be the badge's plain image rather than an awarded badge.`,
  );
}
