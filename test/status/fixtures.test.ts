// Public credentials with Bitstring status entries and the lists they point at, supplied as
// documents (the fixtures README's URL mapping). Verdicts as the README records them, except where
// a list served at a URL says it is another list (its id): then the status is unknown.
import { describe, expect, it } from 'vitest';
import { verifyCredential, type VerificationReport } from '../../src/index.js';
import { decodeList } from '../../src/status/bitstring.js';
import { NOW, check, fixture } from '../helpers/credential.js';
import { FIXTURE_LISTS, fixtureLoader } from './helpers.js';

const CORE = 'dcc/verifier-core';
const DCC = 'dcc/vc-test-fixtures/verifiableCredentials';
const EDTECH = '1edtech-validator/ob30/bit-string-list';
const VERIFIER_CORE_LIST = Object.keys(FIXTURE_LISTS)[0] as string;

async function verify(path: string, omit: string[] = []): Promise<VerificationReport> {
  return verifyCredential(fixture(path), { now: NOW, loader: fixtureLoader(omit) });
}

// Every verifier-core credential names a copy of DCC's list (raw.githubusercontent.com) whose id is
// the list's first home, testing.dcconsortium.org. A list speaks only for its own id (another list
// of the issuer, with the bit clear, could be served at the URL), so these are could-not-check;
// the bits themselves are read below, from the same files (bits 2, 6, 8 set).
const DCC_LIST_ID = 'https://testing.dcconsortium.org/status/e5WK8CbZ1GjycuPombrj';

describe('DCC verifier-core: the list served at the URL is another list (its id differs)', () => {
  it.each([
    `${CORE}/v1/v1WithValidStatus.json`,
    `${CORE}/v2/v2WithValidStatus.json`,
    `${CORE}/eddsa/v2/v2EddsaWithValidStatus.json`,
    `${CORE}/eddsaAndEd25519/v2/v2DoubleSigWithValidStatus.json`,
    `${CORE}/v1/v1Revoked.json`,
    `${CORE}/v2/v2Revoked.json`,
  ])('%s: could not check, ERR_STATUS_LIST_ID_MISMATCH naming both; still authentic', async (path) => {
    const report = await verify(path);
    expect(check(report, 'status')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_ID_MISMATCH', path: 'credentialStatus.statusListCredential' },
    });
    expect(check(report, 'status').problem?.detail).toContain(VERIFIER_CORE_LIST);
    expect(check(report, 'status').problem?.detail).toContain(DCC_LIST_ID);
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'could-not-check' });
  });

  it.each([
    `${CORE}/v1/v1RevokedAndExpired.json`,
    `${CORE}/v2/v2RevokedAndExpired.json`,
    `${CORE}/v1/v1ExpiredWithValidStatus.json`,
    `${CORE}/v2/v2ExpiredWithValidStatus.json`,
  ])('%s: expired, and the status unknown: both reported', async (path) => {
    const report = await verify(path);
    expect(check(report, 'validity').problem?.code).toBe('ERR_EXPIRED');
    expect(check(report, 'status').problem?.code).toBe('ERR_STATUS_LIST_ID_MISMATCH');
  });

  it('v2DoubleSigWithBadStatusUrl (its list URL is a typo): could not check, naming that URL', async () => {
    const report = await verify(`${CORE}/eddsaAndEd25519/v2/v2DoubleSigWithBadStatusUrl.json`);
    expect(check(report, 'status')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_UNAVAILABLE' },
    });
    expect(check(report, 'status').problem?.detail).toContain('/status/e5VK8CbZ1GjycuPombrj');
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'could-not-check' });
  });

  it('v2WithValidStatus without its list supplied: could not check, never verified', async () => {
    const report = await verify(`${CORE}/v2/v2WithValidStatus.json`, [VERIFIER_CORE_LIST]);
    expect(check(report, 'status').problem?.code).toBe('ERR_STATUS_LIST_UNAVAILABLE');
    expect(check(report, 'status').problem?.detail).toContain(VERIFIER_CORE_LIST);
    expect(report.verified).toBe(false);
  });

  it("the list itself is authentic, and its bits are the README's (2, 6, 8 set; 7, 9 clear)", async () => {
    const list = fixture(FIXTURE_LISTS[VERIFIER_CORE_LIST] as string);
    expect(list.id).toBe(DCC_LIST_ID);
    const bits = await decodeList(
      (list.credentialSubject as Record<string, unknown>).encodedList,
      'BitstringStatusList',
    );
    expect([2, 6, 7, 8, 9].map((i) => bits.getStatus(i))).toEqual([true, true, false, true, false]);
    const report = await verifyCredential(list, { now: NOW, loader: fixtureLoader() });
    expect(report.authentic).toBe(true);
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
    expect(check(report, 'status')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_INVALID' },
    });
    expect(check(report, 'status').problem?.detail).toMatch(why);
    expect(report.verified).toBe(false);
  });

  // The README's source verdicts (revoked / valid) come from verifiers that do not match issuers
  // or list ids. These name DCC's list by a github.io URL, where a copy says it is the list at
  // testing.dcconsortium.org (and is signed by another issuer than the credential's).
  it.each([
    `${DCC}/v2/dataIntegrityProof/didKey/oidf-revokedStatus-noExpiry.json`,
    `${DCC}/v1/dataIntegrityProof/didKey/mixedRegistry-validStatus-noExpiry.json`,
  ])('%s: the list served is another list, so the status is unknown', async (path) => {
    const report = await verify(path);
    expect(check(report, 'status')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_STATUS_LIST_ID_MISMATCH' },
    });
    expect(check(report, 'status').problem?.detail).toContain(DCC_LIST_ID);
    expect(report.authentic).toBe(true);
  });
});

// The 1EdTech credentials name the list by its raw.githubusercontent.com URL; the list says its id
// is https://example.com/credentials/status/3. The validator reads bit 23 regardless; microcred
// does not take a list for another URL, and reads the same bit from the file directly.
describe('1EdTech validator: bit-string-list/testlist (bit 23 set) has another id than its URL', () => {
  const EDTECH_LIST = Object.keys(FIXTURE_LISTS)[1] as string;

  it.each([`${EDTECH}/credential-status-revoked.json`, `${EDTECH}/credential-status-revoked-blank-nodes.json`])(
    '%s: could not check (ERR_STATUS_LIST_ID_MISMATCH), the signature verified',
    async (path) => {
      const report = await verify(path);
      expect(check(report, 'signature').outcome).toBe('passed');
      expect(check(report, 'status')).toMatchObject({
        outcome: 'could-not-check',
        problem: { code: 'ERR_STATUS_LIST_ID_MISMATCH' },
      });
      expect(check(report, 'status').problem?.detail).toContain('https://example.com/credentials/status/3');
      expect(check(report, 'status').problem?.detail).toContain(EDTECH_LIST);
      expect(report.summary).toBe('could-not-check');
    },
  );

  it('the list itself is an authentic BitstringStatusListCredential, though not an Open Badge, with bit 23 set', async () => {
    const list = fixture(`${EDTECH}/testlist`);
    const report = await verifyCredential(list, { now: NOW, loader: fixtureLoader() });
    expect(report.authentic).toBe(true);
    expect(check(report, 'type')).toMatchObject({ outcome: 'warning', problem: { code: 'ERR_NOT_OPEN_BADGE' } });
    const bits = await decodeList(
      (list.credentialSubject as Record<string, unknown>).encodedList,
      'BitstringStatusList',
    );
    expect([22, 23, 24].map((i) => bits.getStatus(i))).toEqual([false, true, false]);
  });
});
