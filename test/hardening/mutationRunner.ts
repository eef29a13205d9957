// Runs every mutation of a signed credential through the real verifyCredential and holds it to its
// label: rejected (neither verified nor authentic), or allowed for the reason ALLOWED gives.
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential, type CheckId, type DocumentLoader, type VerificationReport } from '../../src/index.js';
import { NOW } from '../helpers/credential.js';
import type { SignedBase } from './corpus.js';
import { ALLOWED, type Mutation, type MutationSources } from './allowList.js';
import { mutationsOf } from './mutate.js';

/**
 * How many mutations each suite file must try; together at least 10,000 per run. The files run in
 * parallel (vitest forks), so the work is split by corpus.
 */
export const MUTATION_QUOTAS = {
  microcred: 2_100,
  'dcc-vc1': 2_400,
  'dcc-vc2a': 2_500,
  'dcc-vc2b': 2_600,
  'vc-jwt': 2_000,
} as const;

/** One signed input and the mutations made of it. */
export interface MutationCase {
  name: string;
  /** The signed credential: an object (JSON-LD) or a compact JWS (VC-JWT). */
  input: unknown;
  loader: DocumentLoader;
  mutations(): Iterable<Mutation>;
}

/** The JSON-LD cases for `bases`: every mutation {@link mutationsOf} makes of each. */
export function jsonLdCases(bases: SignedBase[], sources: MutationSources): MutationCase[] {
  return bases.map((base) => ({
    name: base.name,
    input: base.credential,
    loader: base.loader,
    mutations: () => mutationsOf(base.credential, sources),
  }));
}

/**
 * Declares one mutation suite file: an `it` per base credential (each must come out with no broken
 * expectation), the quota check, and the printed counts.
 */
export function defineMutationSuite(
  label: keyof typeof MUTATION_QUOTAS,
  names: readonly string[],
  load: () => Promise<MutationCase[]>,
): void {
  const tally = emptyTally();
  const started = performance.now();
  const cpu = process.cpuUsage();
  let loaded: MutationCase[];
  beforeAll(async () => {
    loaded = await load();
  });
  afterAll(() => {
    // The counts are part of the suite's output by design (tried, rejected, accepted by design).
    console.log(describeTally(label, tally, performance.now() - started, process.cpuUsage(cpu)));
  });
  describe(`mutation suite: ${label}`, () => {
    it.each(names)(
      '%s: every change to a signed value is rejected; only allowed changes verify',
      async (name) => {
        const found = loaded.find((c) => c.name === name);
        expect(found, `no base credential named ${name}`).toBeDefined();
        expect(await runMutations(found as MutationCase, tally)).toEqual([]);
        // A few seconds on a quiet machine; a shared CI runner can be many times slower.
      },
      300_000,
    );
    it(`tries at least ${MUTATION_QUOTAS[label]} mutations (the files together: at least 10,000)`, () => {
      expect(Object.values(MUTATION_QUOTAS).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000);
      expect(tally.tried).toBeGreaterThanOrEqual(MUTATION_QUOTAS[label]);
    });
  });
}

/** Counts for one corpus. `acceptedByDesign`: allowed changes that came out authentic. */
export interface Tally {
  tried: number;
  rejected: number;
  acceptedByDesign: number;
  /** Allowed changes that a check other than the signature still refused. */
  allowedButRefused: number;
  /** Rejected mutations by the first check that did not pass (how cheap the rejections were). */
  rejectedAt: Partial<Record<CheckId, number>>;
}

export function emptyTally(): Tally {
  return { tried: 0, rejected: 0, acceptedByDesign: 0, allowedButRefused: 0, rejectedAt: {} };
}

/** Verifies every mutation of `base`; returns one line per broken expectation (none when all hold). */
export async function runMutations(base: MutationCase, tally: Tally): Promise<string[]> {
  const failures: string[] = [];
  const baseline = await verifyCredential(base.input, { now: NOW, loader: base.loader });
  if (!baseline.authentic)
    return [`${base.name}: the unchanged credential is not authentic (${firstProblem(baseline)})`];
  const original = typeof base.input === 'string' ? base.input : JSON.stringify(base.input);
  let canonical: Promise<string | undefined> | undefined;

  for (const mutation of base.mutations()) {
    const where = `${base.name}: ${mutation.path} ${mutation.change}`;
    const changed = typeof mutation.input === 'string' ? mutation.input : JSON.stringify(mutation.input);
    if (changed === original && mutation.allowed !== 'member-order') {
      failures.push(`${where}: the generator produced no change`);
      continue;
    }
    let allowed = mutation.allowed;
    const input = typeof mutation.input === 'string' ? mutation.input : deepFreeze(mutation.input);
    let report: VerificationReport;
    try {
      report = await verifyCredential(input, { now: NOW, loader: base.loader });
    } catch (error) {
      failures.push(`${where}: verifyCredential threw ${String(error)}`);
      continue;
    }
    tally.tried++;
    // Whether the statements are the same only matters when the change was accepted (computed then).
    if (mutation.allowedIfSameStatements && report.authentic) {
      canonical ??= nquads(base.input, base);
      const [before, after] = await Promise.all([canonical, nquads(mutation.input, base)]);
      if (before !== undefined && before === after) allowed = 'same-statements';
    }
    const internal = report.checks.find((c) => c.problem?.code === 'ERR_INTERNAL');
    if (internal) failures.push(`${where}: the ${internal.id} check crashed: ${internal.problem?.detail}`);
    if (!allowed) {
      if (report.verified || report.authentic)
        failures.push(`${where}: FALSE ACCEPT (verified ${report.verified}, authentic ${report.authentic})`);
      else count(tally, report);
      continue;
    }
    if (
      ALLOWED[allowed].keepsVerdict &&
      (report.verified !== baseline.verified || report.authentic !== baseline.authentic)
    ) {
      failures.push(`${where}: allowed as ${allowed}, but the verdict changed: ${firstProblem(report)}`);
    }
    // The same statements can never make a better credential: what the unchanged one fails, this fails.
    if (report.verified && !baseline.verified)
      failures.push(
        `${where}: allowed as ${allowed}, but VERIFIED where the unchanged credential is not (${firstProblem(baseline)})`,
      );
    if (report.authentic) tally.acceptedByDesign++;
    else {
      tally.allowedButRefused++;
      tally.rejected++;
    }
  }
  return failures;
}

function count(tally: Tally, report: VerificationReport): void {
  tally.rejected++;
  const first = report.checks.find((c) => c.outcome !== 'passed' && c.outcome !== 'warning');
  if (first) tally.rejectedAt[first.id] = (tally.rejectedAt[first.id] ?? 0) + 1;
}

/** The line each suite prints: tried, rejected, accepted by design, and where rejections happened. */
export function describeTally(label: string, tally: Tally, millis: number, cpu: NodeJS.CpuUsage): string {
  const where = Object.entries(tally.rejectedAt)
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return (
    `mutations [${label}]: tried ${tally.tried}, rejected ${tally.rejected}, accepted by design ${tally.acceptedByDesign} ` +
    `(allowed but refused by another check: ${tally.allowedButRefused}); first failing check: ${where}; ` +
    `${(millis / 1000).toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU (${((cpuSeconds * 1000) / Math.max(1, tally.tried)).toFixed(1)} ms per mutation)`
  );
}

// The credential's statements, its proofs' included (undefined when JSON-LD cannot read it).
async function nquads(input: unknown, base: MutationCase): Promise<string | undefined> {
  try {
    const doc = typeof input === 'string' ? JSON.parse(input) : input;
    return (await jsonld.canonize(doc, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      safe: true,
      documentLoader: base.loader.load,
    })) as string;
  } catch {
    return undefined;
  }
}

function firstProblem(report: VerificationReport): string {
  const check = report.checks.find((c) => c.outcome !== 'passed');
  return check ? `${check.id} ${check.outcome} ${check.problem?.code ?? ''}` : 'every check passed';
}

/** Freezes `value` and everything in it, so a verifier that writes to its input throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
