// microcred/verify (src/verifyEntry.ts) as a site uses it: the same verifier as `microcred`, its
// presentation verifier loaded on first use giving the same report, and nothing of issuing exported.
import { describe, expect, it } from 'vitest';
import * as main from '../../src/index.js';
import * as entry from '../../src/verifyEntry.js';
import { NOW } from '../helpers/credential.js';
import { CHALLENGE, DOMAIN, wallet } from '../verify/presentations/helpers.js';

describe('microcred/verify', () => {
  it('exports the verifier, the formatter, the loader, the catalogue and the codes, and no issuing or competency API', () => {
    for (const name of [
      'verifyCredential',
      'verifyPresentation',
      'formatReport',
      'formatPresentationReport',
      'DocumentLoader',
      'localizeReport',
      'ENGLISH',
      'loadCatalogue',
      'ErrorCode',
      'ERROR_TITLES',
      'MicrocredError',
      'DEFAULT_LIMITS',
    ])
      expect(Object.keys(entry), name).toContain(name);
    for (const name of [
      'issueCredential',
      'generateKey',
      'parseCompetency',
      'defineCompetency',
      'StatusRegistry',
      'bundleClr',
      'bakeCredential',
      'signPresentation',
      // Loaded on first use through loadCatalogue: a page in English never downloads them.
      'FRENCH',
      'CATALOGUES',
      'extractCredential',
    ])
      expect(Object.keys(entry), name).not.toContain(name);
    // What both entries export is the same thing: one class for `instanceof`, one catalogue.
    for (const name of Object.keys(entry).filter((n) => n !== 'verifyPresentation'))
      expect(entry[name as keyof typeof entry], name).toBe(main[name as keyof typeof main]);
  });

  it('its verifyPresentation, loaded on first use, reports a presentation exactly as microcred’s does', async () => {
    const w = await wallet();
    const vp = await main.signPresentation(
      { verifiableCredential: w.badges },
      { key: w.holder, challenge: CHALLENGE, domain: DOMAIN, now: NOW },
    );
    const options = { now: NOW, challenge: CHALLENGE, domain: DOMAIN };
    const [lazy, direct] = await Promise.all([
      entry.verifyPresentation(vp, options),
      main.verifyPresentation(vp, options),
    ]);
    expect(lazy.verified).toBe(true);
    expect(lazy).toEqual(direct);
    const replay = await entry.verifyPresentation(vp, { ...options, challenge: 'another' });
    expect(replay.checks.find((c) => c.id === 'challenge')?.problem?.code).toBe('ERR_PRESENTATION_CHALLENGE');
  });

  it('loadCatalogue gives the shipped catalogue for a language tag, English at once, and undefined for one it lacks', async () => {
    expect(await entry.loadCatalogue('en-GB')).toBe(main.ENGLISH);
    expect(await entry.loadCatalogue('fr')).toBe(main.FRENCH);
    expect(await entry.loadCatalogue('FR-ca')).toBe(main.FRENCH);
    expect(await entry.loadCatalogue('de')).toBeUndefined();
    expect(await entry.loadCatalogue('')).toBeUndefined();
  });
});
