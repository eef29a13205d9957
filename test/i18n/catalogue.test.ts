// One catalogue of report text keyed by the stable codes: English is the verifier's own text, French
// is complete for titles, check names and words, and a localized report of a genuine credential
// that expired, or that its issuer revoked, reads in French from headline to detail.
import { describe, expect, it } from 'vitest';
import {
  CATALOGUES,
  ENGLISH,
  ERROR_TITLES,
  ErrorCode,
  FRENCH,
  MemoryStatusStore,
  StatusRegistry,
  formatPresentationReport,
  formatReport,
  generateKey,
  signPresentation,
  verifyPresentation,
  issueCredential,
  localizeReport,
  verifyCredential,
  type CheckId,
  type VerificationReport,
} from '../../src/index.js';
import * as verifyEntry from '../../src/verifyEntry.js';
import { CHECKS } from '../../src/verify/pipeline.js';
import { PRESENTATION_CHECKS } from '../../src/verify/presentation/verifyPresentation.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';
import { CHALLENGE, DOMAIN, wallet } from '../verify/presentations/helpers.js';

const CODES = Object.values(ErrorCode);
const problemOf = (report: VerificationReport, id: CheckId) => report.checks.find((c) => c.id === id)?.problem;

describe('the catalogues', () => {
  it('English is the verifier’s own text: every code’s title (ERROR_TITLES), every check’s title', () => {
    for (const code of CODES) expect(ENGLISH.titles[code], code).toBe(ERROR_TITLES[code]);
    for (const check of CHECKS) expect(ENGLISH.checks[check.id]).toBe(check.title);
    for (const check of PRESENTATION_CHECKS) expect(ENGLISH.presentationChecks[check.id]).toBe(check.title);
  });

  it('French has a title for every code, a name for every check and every word (add one for a new code)', () => {
    expect(CODES.filter((code) => !FRENCH.titles[code])).toEqual([]);
    expect(CHECKS.filter((check) => !FRENCH.checks[check.id]).map((c) => c.id)).toEqual([]);
    expect(PRESENTATION_CHECKS.filter((check) => !FRENCH.presentationChecks[check.id]).map((c) => c.id)).toEqual([]);
    const words = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : words(v)));
    const englishWords = words(ENGLISH.words);
    const frenchWords = words(FRENCH.words);
    expect(frenchWords).toHaveLength(englishWords.length);
    // Every word but the empty one beside a passed check, and the code label, is translated.
    const same = frenchWords.filter((w, i) => w === englishWords[i] && w !== '' && w !== 'code');
    expect(same).toEqual([]);
  });

  it('each French detail template has the slots of its English one, so the same params fill it', () => {
    const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [code, template] of Object.entries(FRENCH.details)) {
      const english = ENGLISH.details[code as keyof typeof ENGLISH.details];
      expect(english, code).toBeDefined();
      expect(slots(template as string), code).toEqual(slots(english as string));
    }
    // The common problems have a French detail.
    for (const code of [
      'ERR_SIGNATURE_INVALID',
      'ERR_EXPIRED',
      'ERR_NOT_YET_VALID',
      'ERR_REVOKED',
      'ERR_SUSPENDED',
      'ERR_ISSUER_UNKNOWN',
      'ERR_TERM_UNDEFINED',
      'ERR_ISSUER_MISMATCH',
      'ERR_NOT_OPEN_BADGE',
    ] as const)
      expect(FRENCH.details[code], code).toBeDefined();
  });

  it('the catalogues and localizeReport are exported by microcred and by microcred/verify (French on first use)', async () => {
    expect(CATALOGUES.fr).toBe(FRENCH);
    expect(CATALOGUES.en).toBe(ENGLISH);
    expect(await verifyEntry.loadCatalogue('fr')).toBe(FRENCH);
    expect(verifyEntry.ENGLISH).toBe(ENGLISH);
    expect(verifyEntry.localizeReport).toBe(localizeReport);
    expect(verifyEntry.formatReport).toBe(formatReport);
  });
});

describe('a report in French', () => {
  it('an expired credential: headline, check names, title and detail in French; codes and paths unchanged', async () => {
    const key = await generateKey();
    const signed = await issueCredential(
      unsignedCredential(key, { validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' }),
      { key, now: new Date('2024-06-01T00:00:00Z') },
    );
    const report = await verifyCredential(signed, { now: NOW });
    const copy = structuredClone(report);
    const french = localizeReport(report, FRENCH);
    expect(report).toEqual(copy); // pure: the report given is unchanged
    const validity = french.checks.find((c) => c.id === 'validity');
    expect(validity?.title).toBe('Elle est dans sa période de validité');
    expect(validity?.problem).toEqual({
      code: 'ERR_EXPIRED',
      title: 'Expirée',
      detail: `L'attestation a expiré le 2025-01-01T00:00:00Z ; elle est vérifiée le ${NOW.toISOString()}.`,
      path: 'validUntil',
      params: { until: '2025-01-01T00:00:00Z', checkedAt: NOW.toISOString() },
    });
    expect(french.checks.find((c) => c.id === 'signature')?.title).toBe('La signature est valide');
    // Outcomes, ids and the summary are data, not text: they stay as they are.
    expect(french.checks.map((c) => [c.id, c.outcome])).toEqual(report.checks.map((c) => [c.id, c.outcome]));
    expect(french.summary).toBe(report.summary);

    const text = formatReport(report, { catalogue: FRENCH });
    expect(text.split('\n')[0]).toBe('✖ Authentique, mais expirée le 2025-01-01');
    expect(text).toContain('✖ Elle est dans sa période de validité (échec)');
    expect(text).toContain("L'attestation a expiré le 2025-01-01T00:00:00Z");
    expect(text).toContain('code ERR_EXPIRED · chemin validUntil');
    expect(text).toMatch(/Validité +du 2024-01-01T00:00:00Z au 2025-01-01T00:00:00Z/);
    expect(text).not.toContain('expired');
  });

  it('a revoked credential: "Révoquée" in the headline and the status problem, its list and bit in the detail', async () => {
    const key = await generateKey();
    const registry = new StatusRegistry({
      store: new MemoryStatusStore(),
      key,
      listBaseUrl: 'https://issuer.example/status/',
      listLength: 32,
      allowSmallLists: true,
      purposes: ['revocation'],
      clock: () => NOW,
    });
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
    await registry.revoke(signed.id as string);
    const report = await verifyCredential(signed, { now: NOW, status: registry });
    const english = problemOf(report, 'status') ?? report.checks.find((c) => c.id === 'status')?.parts?.[0]?.problem;
    expect(english?.code).toBe('ERR_REVOKED');

    const french = localizeReport(report, FRENCH);
    const status = french.checks.find((c) => c.id === 'status');
    const problem = status?.problem ?? status?.parts?.[0]?.problem;
    expect(status?.title).toBe("Elle n'a été ni révoquée ni suspendue");
    expect(problem?.title).toBe('Révoquée');
    expect(problem?.detail).toMatch(
      /^L'émetteur a révoqué cette attestation : le bit \d+ de sa liste de révocation https:\/\/issuer\.example\/status\/\S+ est positionné\.$/,
    );
    const text = formatReport(report, { catalogue: FRENCH });
    expect(text.split('\n')[0]).toBe('✖ Révoquée — authentique, mais son émetteur l’a révoquée');
    expect(text).toContain('Révoquée');
  });

  it('a skipped check names the check that stopped it in French; a detail without a French template stays English', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const tampered = structuredClone(signed) as unknown as { name: string };
    tampered.name = 'Something else';
    const french = localizeReport(await verifyCredential(tampered, { now: NOW }), FRENCH);
    const signature = french.checks.find((c) => c.id === 'signature');
    expect(signature?.problem?.title).toBe('La signature ne correspond pas');
    expect(signature?.problem?.detail).toMatch(/^La preuve ne correspond pas à cette attestation/);
    const skipped = french.checks.find((c) => c.outcome === 'skipped');
    expect(skipped?.problem?.detail).toBe("Non vérifié, car « La signature est valide » n'a pas réussi.");
    // A catalogue without a detail template for a code keeps the detail the check wrote.
    const titlesOnly = localizeReport(await verifyCredential(tampered, { now: NOW }), { ...FRENCH, details: {} });
    expect(titlesOnly.checks.find((c) => c.id === 'signature')?.problem?.detail).toMatch(/^The proof does not verify/);
  });

  it('English formatting is unchanged by the catalogue: formatReport with ENGLISH equals formatReport', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const report = await verifyCredential(signed, { now: NOW });
    expect(formatReport(report, { catalogue: ENGLISH })).toBe(formatReport(report));
    expect(formatReport(report, { catalogue: { ...ENGLISH } })).toBe(formatReport(report));
  });

  it('a presentation: its own checks named as a presentation’s, each credential inside localized too', async () => {
    const w = await wallet();
    const vp = await signPresentation(
      { verifiableCredential: w.badges },
      { key: w.holder, challenge: CHALLENGE, domain: DOMAIN, now: NOW },
    );
    const report = await verifyPresentation(vp, { now: NOW, challenge: 'another', domain: DOMAIN });
    const french = localizeReport(report, FRENCH);
    expect(french.checks.find((c) => c.id === 'parse')?.title).toBe('La présentation est un objet JSON');
    const challenge = french.checks.find((c) => c.id === 'challenge');
    expect(challenge?.title).toBe('Elle répond à ce défi (pas un rejeu)');
    expect(challenge?.problem?.title).toBe('Le défi ne correspond pas : peut-être un rejeu');
    expect(french.credentials[0]?.checks.find((c) => c.id === 'parse')?.title).toBe("L'attestation est un objet JSON");
    const text = formatPresentationReport(report, { catalogue: FRENCH });
    expect(text.split('\n')[0]).toBe(
      '✖ Non valide : présentation de 2 attestations — le défi ne correspond pas : peut-être un rejeu',
    );
    expect(text).toContain('Attestation 1 sur 2');
  });
});
