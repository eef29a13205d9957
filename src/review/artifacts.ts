// Artifact digests: computed when evidence is submitted, checked whenever its content turns up again.
import { fromBase64, toBase64 } from '../encoding.js';
import { canonicalJson, DIGEST_PATTERN, sha256Digest } from './canonical.js';
import type { ArtifactInput, Submission, SubmittedArtifact } from './submission.js';

/**
 * True when `content` is the content the artifact's digest was computed over (a string is hashed as
 * UTF-8). Without `content`, checks the artifact's own inline text or bytes; a URL-only artifact
 * then returns false, since there is nothing to check. A malformed digest returns false.
 *
 * @example
 * const pdf = new Uint8Array(await (await fetch(artifact.url)).arrayBuffer());
 * if (!(await verifyArtifact(artifact, pdf))) console.log('the file changed after it was submitted');
 */
export async function verifyArtifact(
  artifact: Pick<SubmittedArtifact, 'digest' | 'text' | 'base64'>,
  content?: string | Uint8Array,
): Promise<boolean> {
  if (typeof artifact?.digest !== 'string' || !DIGEST_PATTERN.test(artifact.digest)) return false;
  const bytes = content ?? inlineContent(artifact);
  if (bytes === undefined) return false;
  return (await sha256Digest(bytes)) === artifact.digest.toLowerCase();
}

/**
 * `sha256:<lowercase hex>` over the canonical JSON of the submission (keys sorted, no whitespace;
 * RFC 8785 for the values a submission holds). A decision records it, so the decision holds only
 * for exactly the submission that was reviewed.
 *
 * @example
 * const pinned = await submissionDigest(submission); // 'sha256:3f0c…'
 */
export async function submissionDigest(submission: Submission): Promise<string> {
  return sha256Digest(canonicalJson(submission));
}

/** The inline content of a stored artifact (text, or base64 decoded), or undefined for a URL-only one or base64 that does not decode. */
export function inlineContent(artifact: Pick<SubmittedArtifact, 'text' | 'base64'>): string | Uint8Array | undefined {
  if (typeof artifact.text === 'string') return artifact.text;
  if (typeof artifact.base64 !== 'string') return undefined;
  try {
    return fromBase64(artifact.base64);
  } catch {
    return undefined;
  }
}

/** True when the stored artifact carries its content (text or base64), whether or not it decodes. */
export function hasInlineContent(artifact: Pick<SubmittedArtifact, 'text' | 'base64'>): boolean {
  return typeof artifact.text === 'string' || typeof artifact.base64 === 'string';
}

/** The stored form of a validated artifact input. */
export async function storedArtifact(input: ArtifactInput): Promise<SubmittedArtifact> {
  const inline = input.text ?? input.bytes;
  const digest = inline !== undefined ? await sha256Digest(inline) : input.digest!.toLowerCase();
  return {
    requirement: input.requirement,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.mediaType !== undefined ? { mediaType: input.mediaType } : {}),
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.bytes !== undefined ? { base64: toBase64(input.bytes) } : {}),
    digest,
  };
}
