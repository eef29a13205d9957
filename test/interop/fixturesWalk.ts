// The fixture walk's machinery: the expected verdicts (test/fixtures/expected-verdicts.json, derived
// from the fixtures' README), the offline stand-ins a row is given, and the comparison of a report
// with what the README expects. The walk itself is in fixturesWalk*.test.ts.
import { readFileSync } from 'node:fs';
import { DocumentLoader, verifyCredential, type CheckOutcome, type VerificationReport } from '../../src/index.js';
import { bundledContextUrls } from '../../src/contexts/bundled.js';
import { fixture, fixturePath } from '../helpers/credential.js';

export type Verdict = 'valid' | 'valid-with-warnings' | 'invalid' | 'could-not-check';

export interface Finding {
  check: string;
  outcome: CheckOutcome | CheckOutcome[];
  code?: string;
  path?: string;
  url?: string;
}

export interface Row {
  path: string;
  readme: string;
  expect: { verdict: Verdict; findings: Finding[] };
  /** `fragment-key`, or URLs of `documents` given to the loader. */
  offline: string[];
  reason: string;
  /** Why microcred does not give the README's verdict (yet, or by design). */
  gap?: string;
}

export interface ExpectedVerdicts {
  clock: string;
  contexts: Record<string, string>;
  documents: Record<string, string>;
  rows: Row[];
}

export const expected = fixture('expected-verdicts.json') as unknown as ExpectedVerdicts;
export const CLOCK = new Date(expected.clock);

/** The input as a verifier receives it: bytes for a PNG, text for everything else. */
export function inputOf(path: string): string | Uint8Array {
  const bytes = readFileSync(fixturePath(path));
  return path.endsWith('.png') ? new Uint8Array(bytes) : bytes.toString('utf8');
}

/** Verifies a row's file offline, with the stand-ins its row names. */
export async function verifyRow(row: Row): Promise<VerificationReport> {
  const documents = new Map<string, unknown>();
  const bundled = new Set(bundledContextUrls());
  for (const [url, file] of Object.entries(expected.contexts)) if (!bundled.has(url)) documents.set(url, fixture(file));
  const given: Record<string, unknown>[] = [];
  for (const name of row.offline) {
    if (name === 'fragment-key') continue;
    const file = expected.documents[name];
    if (!file) throw new Error(`${row.path}: no local file stands in for ${name}`);
    const document = fixture(file);
    documents.set(name, document);
    given.push(document);
  }
  const input = inputOf(row.path);
  if (row.offline.includes('fragment-key')) {
    const credential = JSON.parse(credentialText(input)) as Record<string, unknown>;
    for (const doc of [credential, ...given, ...innerCredentials(credential)])
      for (const [url, controllerDoc] of fragmentKeyDocuments(doc)) documents.set(url, controllerDoc);
  }
  return verifyCredential(input, { loader: new DocumentLoader({ documents }), documents, now: CLOCK });
}

/**
 * The credentials verified inside `doc`, at any depth: those a CLR bundles
 * (credentialSubject.verifiableCredential) and embedded endorsements (`endorsement` of any node).
 * Their keys follow the same fragment convention.
 */
export function innerCredentials(doc: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v) => walk(v, depth + 1));
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'verifiableCredential' || key === 'endorsement')
        for (const inner of [child].flat())
          if (inner !== null && typeof inner === 'object') found.push(inner as Record<string, unknown>);
      walk(child, depth + 1);
    }
  };
  walk(doc, 0);
  return found;
}

/**
 * The credential's JSON text: the file itself, or for a baked image what is baked in (an SVG's
 * openbadges:credential element, a PNG's iTXt chunk "openbadgecredential"), read here only to know
 * which keys the row's stand-ins must hold.
 */
function credentialText(input: string | Uint8Array): string {
  if (typeof input === 'string') {
    const baked = /<openbadges:credential[^>]*>\s*<!\[CDATA\[([\s\S]*?)\]\]>/.exec(input);
    return baked ? baked[1]! : input;
  }
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  for (let at = 8; at + 8 <= input.length; at += 12 + view.getUint32(at)) {
    const type = new TextDecoder().decode(input.subarray(at + 4, at + 8));
    const data = input.subarray(at + 8, at + 8 + view.getUint32(at));
    const keyword = 'openbadgecredential\0';
    // iTXt: keyword, NUL, compression flag and method, language tag NUL, translated keyword NUL, text.
    if (type === 'iTXt' && new TextDecoder().decode(data.subarray(0, keyword.length)) === keyword) {
      let rest = data.subarray(keyword.length + 2);
      for (let nul = 0; nul < 2; nul++) rest = rest.subarray(rest.indexOf(0) + 1);
      return new TextDecoder().decode(rest);
    }
  }
  throw new Error('no credential baked in this PNG');
}

/**
 * The 1EdTech fragment convention (the README's "key only via 1EdTech fragment convention"): a proof
 * whose verificationMethod is an https or urn URL with a multibase Ed25519 or P-256 key as fragment
 * gets a controller document built from that fragment, listing the key under assertionMethod.
 */
export function fragmentKeyDocuments(doc: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const proofs = Array.isArray(doc.proof) ? doc.proof : doc.proof === undefined ? [] : [doc.proof];
  for (const proof of proofs as { verificationMethod?: unknown }[]) {
    const method = proof?.verificationMethod;
    if (typeof method !== 'string' || !/^(https|urn):/.test(method)) continue;
    const [controller, key] = method.split('#') as [string, string | undefined];
    if (!key || !/^z(6Mk|Dn)/.test(key)) continue;
    out.set(controller, {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: controller,
      verificationMethod: [{ id: method, type: 'Multikey', controller, publicKeyMultibase: key }],
      assertionMethod: [method],
    });
  }
  return out;
}

/** Why `report` is not what `row` expects, or undefined when it is. */
export function mismatch(report: VerificationReport, row: Row): string | undefined {
  const { verdict, findings } = row.expect;
  const verdictHolds =
    verdict === 'valid'
      ? report.verified
      : verdict === 'valid-with-warnings'
        ? report.summary === 'verified-with-warnings'
        : verdict === 'invalid'
          ? report.summary === 'invalid'
          : report.summary === 'could-not-check';
  const problems = [
    ...(verdictHolds ? [] : [`expected ${verdict}, got ${report.summary}`]),
    ...findings.map((f) => findingMismatch(report, f)).filter((m): m is string => m !== undefined),
  ];
  return problems.length ? `${problems.join('; ')} — ${outline(report)}` : undefined;
}

function findingMismatch(report: VerificationReport, finding: Finding): string | undefined {
  const check = report.checks.find((c) => c.id === finding.check);
  if (!check) return `no "${finding.check}" check`;
  const outcomes = Array.isArray(finding.outcome) ? finding.outcome : [finding.outcome];
  if (!outcomes.includes(check.outcome))
    return `${finding.check} is ${check.outcome}, expected ${outcomes.join(' or ')}`;
  const problems = [check.problem, ...(check.problems ?? []), ...(check.parts ?? []).map((p) => p.problem)].filter(
    (p) => p !== undefined,
  );
  if (finding.code && !problems.some((p) => p.code === finding.code)) return `${finding.check} has no ${finding.code}`;
  if (finding.path && !problems.some((p) => p.path === finding.path))
    return `${finding.check} has no problem at ${finding.path}`;
  if (finding.url && !JSON.stringify(check).includes(finding.url))
    return `${finding.check} does not name ${finding.url}`;
  return undefined;
}

/** The checks that did not pass, for messages: `signature:could-not-check:ERR_KEY_UNRESOLVED`. */
export function outline(report: VerificationReport): string {
  const notPassed = report.checks.filter((c) => c.outcome !== 'passed' && c.outcome !== 'skipped');
  return (
    notPassed.map((c) => `${c.id}:${c.outcome}${c.problem ? `:${c.problem.code}` : ''}`).join(' ') ||
    'every check passed'
  );
}
