import { ErrorCode, MicrocredError } from '../errors.js';
import { CONTEXT } from '../model/constants.js';
import { isJsonObject } from '../jsonPath.js';
import { isUri } from '../identifiers.js';
import type { Profile } from '../model/achievement.js';
import type { EndorsementCredential } from '../model/credential.js';
import { signRecord, type SignRecordOptions } from './signRecord.js';

/** What an endorsement says, and about what. */
export interface EndorsementInput {
  /**
   * What is endorsed: an Achievement (e.g. a compiled competency definition), an issuer Profile or
   * a credential, as the object itself or its id (a URI).
   */
  endorsed: string | { id: string; name?: string };
  /** What the endorser says about it (`endorsementComment`). */
  comment: string;
  /** The endorsement's display name (default: "Endorsement of <the endorsed's name or id>"). */
  name?: string;
  /** The endorser's profile (name, url, email…); its `id` is the key's controller. */
  endorser?: Omit<Profile, 'id' | 'type'>;
  /** From when it holds (default: now) and until when, RFC 3339 with a timezone. */
  validFrom?: string;
  validUntil?: string;
  /** The endorsement's id (default: a new `urn:uuid:`). */
  id?: string;
}

/** A signed EndorsementCredential. */
export type SignedEndorsement = EndorsementCredential & { proof: Record<string, unknown> };

/**
 * Signs an Open Badges 3.0 EndorsementCredential: the endorser (the key's controller) says
 * `comment` about `endorsed` (an Achievement, a Profile or a credential). Embed it in what it
 * endorses (`achievement.endorsement`, `issuer.endorsement`, or the credential's `endorsement`) when
 * issuing; `verifyCredential` verifies each embedded endorsement as a credential of its own.
 *
 * Throws a {@link MicrocredError} before signing: `ERR_FIELD_REQUIRED` without a comment or an
 * endorsed id, `ERR_FIELD_INVALID` for an id that is not a URI, and the signing errors of a record.
 *
 * @example
 * const endorsement = await issueEndorsement(
 *   { endorsed: achievement, comment: 'Aligned with our state standard 3.2.', endorser: { name: 'State Board' } },
 *   { key: boardKey },
 * );
 * await issueCredential({ ...draft, credentialSubject: { ...subject, achievement: { ...achievement, endorsement: [endorsement] } } }, { key });
 */
export async function issueEndorsement(
  input: EndorsementInput,
  options: SignRecordOptions,
): Promise<SignedEndorsement> {
  const endorsed = input?.endorsed;
  const endorsedId = typeof endorsed === 'string' ? endorsed : isJsonObject(endorsed) ? endorsed.id : undefined;
  if (endorsedId === undefined)
    throw new MicrocredError(
      ErrorCode.FIELD_REQUIRED,
      'issueEndorsement needs input.endorsed: the Achievement, Profile or credential endorsed, or its id.',
      { path: 'endorsed' },
    );
  if (!isUri(endorsedId))
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `The endorsed id must be a URI; it is ${JSON.stringify(endorsedId)}.`,
      { path: 'endorsed.id' },
    );
  if (typeof input.comment !== 'string' || input.comment.trim() === '')
    throw new MicrocredError(
      ErrorCode.FIELD_REQUIRED,
      'issueEndorsement needs input.comment: what the endorser says about it.',
      { path: 'comment' },
    );
  const endorsedName = isJsonObject(endorsed) && typeof endorsed.name === 'string' ? endorsed.name : endorsedId;
  const record: Record<string, unknown> = {
    '@context': [CONTEXT.VC_V2, CONTEXT.OB_V3P0_3],
    ...(input.id ? { id: input.id } : {}),
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: input.name ?? `Endorsement of ${endorsedName}`,
    issuer: { ...(input.endorser ?? {}), id: options?.key?.controller, type: ['Profile'] },
    ...(input.validFrom ? { validFrom: input.validFrom } : {}),
    ...(input.validUntil ? { validUntil: input.validUntil } : {}),
    credentialSubject: { id: endorsedId, type: ['EndorsementSubject'], endorsementComment: input.comment },
  };
  return signRecord<SignedEndorsement>(record, options, 'issueEndorsement');
}
