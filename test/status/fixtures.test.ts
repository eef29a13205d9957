// Public credentials with Bitstring status entries and the lists they point at, supplied as
// documents (the fixtures README's URL mapping). Verdicts as the README records them.
import { describe, expect, it } from 'vitest';
import { verifyCredential, type VerificationReport } from '../../src/index.js';
import { NOW, check, fixture } from '../helpers/credential.js';
import { FIXTURE_LISTS, fixtureLoader } from './helpers.js';

const CORE = 'dcc/verifier-core';
const DCC = 'dcc/vc-test-fixtures/verifiableCredentials';
const EDTECH = '1edtech-validator/ob30/bit-string-list';
const VERIFIER_CORE_LIST = Object.keys(FIXTURE_LISTS)[0] as string;

async function verify(path: string, omit: string[] = []): Promise<VerificationReport> {
  return verifyCredential(fixture(path), { now: NOW, loader: fixtureLoader(omit) });
}

describe('DCC verifier-core: revoked and valid status (list bits 2, 6, 8 set)', () => {
  it.each([
    `${CORE}/v1/v1WithValidStatus.json`,
    `${CORE}/v2/v2WithValidStatus.json`,
    `${CORE}/eddsa/v2/v2EddsaWithValidStatus.json`,
    `${CORE}/eddsaAndEd25519/v2/v2DoubleSigWithValidStatus.json`,
  ])('%s: not revoked, verified', async (path) => {
    const report = await verify(path);
    expect(check(report, 'status')).toMatchObject({ outcome: 'passed', parts: [{ outcome: 'passed' }] });
    // A VC 1.1 or older-context credential is verified with warnings (the type and schema checks say why).
    expect(report.verified).toBe(true);
    expect(report.checks.every((c) => c.outcome === 'passed' || (c.outcome === 'warning' && (c.id === 'type' || c.id === 'schema')))).toBe(true);
  });

  it.each([
    [`${CORE}/v1/v1Revoked.json`, 6],
    [`${CORE}/v2/v2Revoked.json`, 8],
  ])('%s: revoked (bit %i), ERR_REVOKED', async (path, index) => {
    const report = await verify(path);
    expect(check(report, 'status')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_REVOKED', path: 'credentialStatus' } });
    expect(check(report, 'status').problem?.detail).toContain(`bit ${index} `);
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'invalid' });
  });

  it.each([`${CORE}/v1/v1RevokedAndExpired.json`, `${CORE}/v2/v2RevokedAndExpired.json`])('%s: revoked and expired, both reported', async (path) => {
    const report = await verify(path);
    expect(check(report, 'validity').problem?.code).toBe('ERR_EXPIRED');
    expect(check(report, 'status').problem?.code).toBe('ERR_REVOKED');
  });

  it.each([`${CORE}/v1/v1ExpiredWithValidStatus.json`, `${CORE}/v2/v2ExpiredWithValidStatus.json`])('%s: expired, status valid', async (path) => {
    const report = await verify(path);
    expect(check(report, 'validity').problem?.code).toBe('ERR_EXPIRED');
    expect(check(report, 'status').outcome).toBe('passed');
  });

  it('v2DoubleSigWithBadStatusUrl (its list URL is a typo): could not check, naming that URL', async () => {
    const report = await verify(`${CORE}/eddsaAndEd25519/v2/v2DoubleSigWithBadStatusUrl.json`);
    expect(check(report, 'status')).toMatchObject({ outcome: 'could-not-check', problem: { code: 'ERR_STATUS_LIST_UNAVAILABLE' } });
    expect(check(report, 'status').problem?.detail).toContain('/status/e5VK8CbZ1GjycuPombrj');
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'could-not-check' });
  });

  it('v2WithValidStatus without its list supplied: could not check, never verified', async () => {
    const report = await verify(`${CORE}/v2/v2WithValidStatus.json`, [VERIFIER_CORE_LIST]);
    expect(check(report, 'status').problem?.code).toBe('ERR_STATUS_LIST_UNAVAILABLE');
    expect(check(report, 'status').problem?.detail).toContain(VERIFIER_CORE_LIST);
    expect(report.verified).toBe(false);
  });
});

describe('DCC vc-test-fixtures: status lists that cannot be used', () => {
  it.each([
    ['legacy-tamperedStatus-noExpiry.json', /signature/i],
    ['legacy-expiredStatus-noExpiry.json', /expired at 2021-01-09T15:20:02.183Z/],
    ['legacy-notYetValidStatus-noExpiry.json', /valid from 3000-01-09/],
    ['legacy-missingTypeStatus-noExpiry.json', /BitstringStatusListCredential/],
  ])('%s: status unverifiable, ERR_STATUS_LIST_INVALID', async (file, why) => {
    const report = await verify(`${DCC}/v2/ed25519/didKey/${file}`);
    expect(check(report, 'status')).toMatchObject({ outcome: 'could-not-check', problem: { code: 'ERR_STATUS_LIST_INVALID' } });
    expect(check(report, 'status').problem?.detail).toMatch(why);
    expect(report.verified).toBe(false);
  });

  // The README's source verdicts (revoked / valid) come from verifiers that do not match issuers;
  // the Digital Bazaar column, like microcred, refuses a list signed by someone else.
  it.each([
    `${DCC}/v2/dataIntegrityProof/didKey/oidf-revokedStatus-noExpiry.json`,
    `${DCC}/v1/dataIntegrityProof/didKey/mixedRegistry-validStatus-noExpiry.json`,
  ])('%s: the list is signed by another issuer, so the status is unknown', async (path) => {
    const report = await verify(path);
    expect(check(report, 'status')).toMatchObject({ outcome: 'could-not-check', problem: { code: 'ERR_STATUS_LIST_ISSUER_MISMATCH' } });
    expect(check(report, 'status').problem?.detail).toContain('did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q');
    expect(report.authentic).toBe(true);
  });
});

describe('1EdTech validator: BitstringStatusList bit 23 set in bit-string-list/testlist', () => {
  it.each([`${EDTECH}/credential-status-revoked.json`, `${EDTECH}/credential-status-revoked-blank-nodes.json`])('%s: revoked (index written as a number)', async (path) => {
    const report = await verify(path);
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'status')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_REVOKED' } });
    expect(check(report, 'status').problem?.detail).toContain('bit 23 ');
    expect(report.summary).toBe('invalid');
  });

  it('the list itself is an authentic BitstringStatusListCredential, though not an Open Badge', async () => {
    const report = await verifyCredential(fixture(`${EDTECH}/testlist`), { now: NOW, loader: fixtureLoader() });
    expect(report.authentic).toBe(true);
    expect(check(report, 'type').problems?.map((p) => p.code)).toContain('ERR_TYPE_INVALID');
  });
});
