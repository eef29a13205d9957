// Undefined terms: JSON-LD silently drops a term no context defines, so what a person reads would
// not be what was signed. microcred lists each such term with its JSON path.
import { describe, expect, it } from 'vitest';
import { DocumentLoader, MicrocredError, generateKey } from '../../src/index.js';
import { findUndefinedTerms } from '../../src/contexts/undefinedTerms.js';
import { clone, unsignedCredential } from '../helpers/credential.js';

async function credential(): Promise<Record<string, unknown>> {
  return clone(unsignedCredential(await generateKey())) as unknown as Record<string, unknown>;
}

describe('findUndefinedTerms', () => {
  it('finds none in a well-formed Open Badges 3.0 credential', async () => {
    expect(await findUndefinedTerms(await credential(), new DocumentLoader())).toEqual([]);
  });

  it('names a term no context defines, with its path', async () => {
    const doc = await credential();
    (doc.credentialSubject as Record<string, unknown>).shoeSize = 44;
    expect(await findUndefinedTerms(doc, new DocumentLoader())).toEqual([
      { term: 'shoeSize', path: 'credentialSubject.shoeSize' },
    ]);
  });

  it('names a type no context defines, with its path', async () => {
    const doc = await credential();
    (doc.credentialSubject as Record<string, unknown>).type = ['AchievementSubject', 'Learner'];
    expect(await findUndefinedTerms(doc, new DocumentLoader())).toEqual([
      { term: 'Learner', path: 'credentialSubject.type[1]' },
    ]);
  });

  it('names terms mapped into the issuer-dependent vocabulary by the VC 2.0 undefined-terms context', async () => {
    const doc = await credential();
    doc['@context'] = [...(doc['@context'] as string[]), 'https://www.w3.org/ns/credentials/undefined-terms/v2'];
    doc.favouriteColour = 'blue';
    (doc.issuer as Record<string, unknown>).motto = 'Learn';
    const terms = await findUndefinedTerms(doc, new DocumentLoader());
    expect(terms).toEqual(
      expect.arrayContaining([
        { term: 'favouriteColour', path: 'favouriteColour' },
        { term: 'motto', path: 'issuer.motto' },
      ]),
    );
    expect(terms).toHaveLength(2);
  });

  it('names a type mapped into the undefined-terms vocabulary', async () => {
    const doc = await credential();
    doc['@context'] = [...(doc['@context'] as string[]), 'https://www.w3.org/ns/credentials/undefined-terms/v2'];
    (doc.credentialSubject as Record<string, unknown>).type = ['AchievementSubject', 'Learner'];
    expect(await findUndefinedTerms(doc, new DocumentLoader())).toEqual([{ term: 'Learner' }]);
  });

  it('accepts a term defined by an inline context', async () => {
    const doc = await credential();
    doc['@context'] = [...(doc['@context'] as string[]), { shoeSize: 'https://example.org/vocab#shoeSize' }];
    (doc.credentialSubject as Record<string, unknown>).shoeSize = 44;
    expect(await findUndefinedTerms(doc, new DocumentLoader())).toEqual([]);
  });

  it('throws ERR_CONTEXT_UNKNOWN naming an unknown context URL', async () => {
    const doc = await credential();
    const url = 'https://contexts.example.org/unknown.jsonld';
    doc['@context'] = [...(doc['@context'] as string[]), url];
    const error = await findUndefinedTerms(doc, new DocumentLoader()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MicrocredError);
    expect(error).toMatchObject({ code: 'ERR_CONTEXT_UNKNOWN', details: { url } });
  });
});
