// Every word the <microcred-verifier> element shows or announces, in one place: a site that
// translates the page replaces this module's values (or routes them through a catalogue of report
// texts keyed by the stable codes); nothing else in src/element/ holds user-visible English.
import type { CheckOutcome } from '../index.js';

/** The overall state the element shows for a report, most serious first. */
export type Verdict =
  | 'verified'
  | 'verified-with-warnings'
  | 'revoked'
  | 'suspended'
  | 'expired'
  | 'not-yet-valid'
  | 'invalid'
  | 'could-not-check';

/** The element's texts. Functions build sentences around values taken from a report. */
export const TEXT = {
  /** The drop zone's visible label and the file picker's accessible name. */
  dropLabel: 'Drop a badge here, or choose a file',
  dropHint: 'A credential as JSON or a JWT, a baked badge image (PNG or SVG), or a presentation.',
  chooseFile: 'Choose a file…',
  pasteLabel: 'Or paste a credential (JSON or JWT text)',
  pasteButton: 'Verify pasted text',
  verifying: 'Verifying…',
  emptyPaste: 'Paste a credential first: the box is empty.',
  /** The region announced to screen readers when a result arrives. */
  resultLabel: 'Verification result',
  fetchFailed: (url: string, why: string) => `The credential at ${url} could not be fetched: ${why}`,
  originNotAllowed: (origin: string) =>
    `This page may not fetch from ${origin}. The site that runs it lists the addresses it may use.`,
  unreadableFile: (name: string, why: string) => `The file ${name} could not be read: ${why}`,
  verdict: {
    verified: 'Verified',
    'verified-with-warnings': 'Verified, with warnings',
    revoked: 'Revoked',
    suspended: 'Suspended',
    expired: 'Expired',
    'not-yet-valid': 'Not yet valid',
    invalid: 'Invalid',
    'could-not-check': 'Could not check',
  } satisfies Record<Verdict, string>,
  /** The sentence under a credential's verdict; `date` is the date that decided it, as the reader reads dates. */
  verdictLine: {
    verified: () => 'The credential is genuine, current and every check passed.',
    'verified-with-warnings': () => 'The credential is genuine and current; read the warnings below.',
    revoked: () => 'The credential is genuine, but its issuer revoked it.',
    suspended: () => 'The credential is genuine, but its issuer suspended it.',
    expired: (date?: string) => `The credential is genuine, but it expired${date ? ` on ${date}` : ''}.`,
    'not-yet-valid': (date?: string) =>
      `The credential is genuine, but it is not valid${date ? ` until ${date}` : ' yet'}.`,
    invalid: () => 'Do not rely on this credential.',
    'could-not-check': () => 'Not every check could run, so the credential is not verified.',
  } satisfies Record<Verdict, (date?: string) => string>,
  /** The sentence under a presentation's verdict. */
  presentationLine: {
    verified: 'The holder signed it, and every credential in it is verified.',
    'verified-with-warnings': 'The holder signed it and every credential in it is verified; read the warnings below.',
    revoked: 'A credential in it was revoked by its issuer.',
    suspended: 'A credential in it was suspended by its issuer.',
    expired: 'A credential in it has expired.',
    'not-yet-valid': 'A credential in it is not valid yet.',
    invalid: 'Do not rely on this presentation.',
    'could-not-check': 'Not every check could run, so the presentation is not verified.',
  } satisfies Record<Verdict, string>,
  /** Said before the reason of an invalid verdict when the signature itself holds. */
  genuineBut: (reason: string) => `The signature holds, but: ${reason}`,
  presentationOf: (count: number) => `Presentation of ${count} credential${count === 1 ? '' : 's'}`,
  credentialOf: (index: number, count: number) => `Credential ${index} of ${count}`,
  facts: {
    credential: 'Credential',
    issuer: 'Issuer',
    knownIssuer: 'Known issuer',
    achievement: 'Achievement',
    recipient: 'Recipient',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    noEndDate: 'no end date',
    holder: 'Holder',
    format: 'Format',
    image: 'Baked in',
    checkedAt: 'Checked at',
  },
  /** Above what a credential says when its proof does not hold or could not be checked: its claims are nobody's word yet. */
  unconfirmed: "What it claims — not confirmed by its issuer's signature, so anyone could have written this.",
  checksHeading: 'Checks',
  /** Spoken and shown beside each check's title, so the list does not rely on colour or symbols. */
  outcome: {
    passed: 'passed',
    failed: 'failed',
    warning: 'warning',
    skipped: 'not run',
    'could-not-check': 'could not check',
  } satisfies Record<CheckOutcome, string>,
  symbol: {
    passed: '✔',
    failed: '✖',
    warning: '⚠',
    skipped: '–',
    'could-not-check': '?',
  } satisfies Record<CheckOutcome, string>,
  details: 'Details',
  code: 'Code',
  path: 'Where',
};
