// The official OB 3.0 JSON Schemas as microcred applies them: byte-exact files, read in their own
// draft (2019-09), one finding per problem at a dotted path, in words, with anyOf/oneOf/contains
// noise collapsed, and a single value read as an array of one where the schema asks for an array.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, OB3_SCHEMAS, generateKey, issueCredential, validateAgainstSchema, type SignedCredential } from '../../src/index.js';
import { bundledSchema, bundledSchemaUrls } from '../../src/schemas/bundled.js';
import { NOW, clone, fixturePath, unsignedCredential } from '../helpers/credential.js';

let signed: SignedCredential;
beforeAll(async () => {
  const key = await generateKey();
  signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
});

const achievementSchema = OB3_SCHEMAS.AchievementCredential;
const check = (doc: unknown) => validateAgainstSchema(doc, achievementSchema);

describe('the bundled schemas', () => {
  it.each([
    ['ob_v3p0_achievementcredential-jsonschema1.json'],
    ['ob_v3p0_endorsementcredential-jsonschema1.json'],
    ['ob_v3p0_profile-jsonschema1.json'],
  ])('%s is byte for byte the 1EdTech file of the fixtures', (name) => {
    const bundled = readFileSync(new URL(`../../schemas/ob3/${name}`, import.meta.url));
    expect(bundled.equals(readFileSync(fixturePath(`schemas/${name}`)))).toBe(true);
  });

  it('are written in JSON Schema 2019-09 and served for their $id and the purl URLs credentials name', () => {
    for (const schema of Object.values(OB3_SCHEMAS)) expect(schema.$schema).toBe('https://json-schema.org/draft/2019-09/schema#');
    expect(bundledSchema('https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json')).toBe(achievementSchema);
    expect(bundledSchema('https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json')).toBe(OB3_SCHEMAS.EndorsementCredential);
    expect(bundledSchema(String(OB3_SCHEMAS.Profile.$id))).toBe(OB3_SCHEMAS.Profile);
    expect(bundledSchema('https://example.org/schema.json')).toBeUndefined();
    expect(bundledSchemaUrls()).toHaveLength(9);
  });
});

describe('validateAgainstSchema with the AchievementCredential schema', () => {
  it('finds nothing in a credential microcred issued, though its proof and some types are single values, not arrays', () => {
    expect(Array.isArray(signed.proof)).toBe(false);
    expect(check(signed)).toEqual([]);
  });

  it('does not change the document it is given', () => {
    const doc = clone(signed);
    check(doc);
    expect(doc).toEqual(signed);
  });

  it('names a missing required property at its own path', () => {
    const doc = clone(signed) as unknown as Record<string, unknown>;
    delete (doc.credentialSubject as Record<string, unknown>).achievement;
    delete doc.validFrom;
    expect(check(doc)).toEqual([
      { path: 'validFrom', keyword: 'required', message: 'is required but missing' },
      { path: 'credentialSubject.achievement', keyword: 'required', message: 'is required but missing' },
    ]);
  });

  it('reports an enum-or-pattern value once, saying what it is and what it may be', () => {
    const doc = clone(signed);
    (doc.credentialSubject.achievement as Record<string, unknown>).achievementType = 'Program';
    const findings = check(doc);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: 'credentialSubject.achievement.achievementType', keyword: 'oneOf' });
    expect(findings[0]!.message).toContain('"MicroCredential"');
    expect(findings[0]!.message).toContain('an extension term starting with "ext:"');
    expect(findings[0]!.message).toContain('(it is "Program")');
  });

  it('reports a list lacking a required value once ("must include"), not once per item', () => {
    const doc = clone(signed);
    doc.credentialSubject.type = ['Person', 'Learner'] as unknown as typeof doc.credentialSubject.type;
    expect(check(doc)).toEqual([{ path: 'credentialSubject.type', keyword: 'contains', message: 'must include "AchievementSubject"' }]);
  });

  it('reports a wrong value inside the issuer profile, not that the issuer should have been a string (oneOf)', () => {
    const doc = clone(signed);
    (doc.issuer as unknown as Record<string, unknown>).type = ['Organization'];
    const findings = check(doc);
    expect(findings).toEqual([{ path: 'issuer.type', keyword: 'contains', message: 'must include "Profile"' }]);
  });

  it('says which shapes a value may take when it fits none (oneOf with no inner error)', () => {
    const doc = clone(signed) as unknown as Record<string, unknown>;
    doc.issuer = 42;
    expect(check(doc)).toEqual([{ path: 'issuer', keyword: 'oneOf', message: 'must be a string or an object (it is 42)' }]);
  });

  it('checks date-time formats as RFC 3339 with a timezone', () => {
    const doc = clone(signed);
    doc.validFrom = '2026-01-15';
    expect(check(doc)).toEqual([{ path: 'validFrom', keyword: 'format', message: 'must be an RFC 3339 date-time with a timezone, e.g. "2026-01-31T09:00:00Z" (it is "2026-01-15")' }]);
  });

  it('names a property an object may not have', () => {
    const doc = clone(signed);
    (doc.credentialSubject.achievement as Record<string, unknown>).image = { id: 'https://example.org/badge.png', type: 'Image', colour: 'blue' };
    expect(check(doc)).toEqual([{ path: 'credentialSubject.achievement.image.colour', keyword: 'additionalProperties', message: 'is not a property the schema allows here' }]);
  });

  it('reports the VC 2.0 context rule for a VC 1.1 credential', () => {
    const doc = clone(signed);
    doc['@context'] = ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
    expect(check(doc)).toContainEqual({ path: '@context[0]', keyword: 'enum', message: 'must be "https://www.w3.org/ns/credentials/v2" (it is "https://www.w3.org/2018/credentials/v1")' });
  });

  it('gives the path of a value inside a single value read as an array of one without a synthetic [0]', () => {
    const doc = clone(signed) as unknown as Record<string, unknown>;
    doc.evidence = { type: 'NotEvidence', id: 'https://example.org/evidence/1' };
    const findings = check(doc);
    expect(findings.map((f) => f.path)).toEqual(['evidence.type']);
  });
});

describe('schemas microcred cannot use', () => {
  it('a draft-04 schema: ERR_SCHEMA_UNRESOLVED', () => {
    const schema = JSON.parse(readFileSync(fixturePath('schemas/ob_v3p0_achievementcredential_schema_draft4.json'), 'utf8')) as Record<string, unknown>;
    expect(() => validateAgainstSchema(signed, schema)).toThrow(expect.objectContaining({ code: ErrorCode.SCHEMA_UNRESOLVED }));
  });

  it('a schema with a $ref to another document: ERR_SCHEMA_UNRESOLVED', () => {
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', $ref: 'https://example.org/other.json' };
    expect(() => validateAgainstSchema(signed, schema)).toThrow(expect.objectContaining({ code: ErrorCode.SCHEMA_UNRESOLVED }));
  });

  it('a schema that is not an object', () => {
    expect(() => validateAgainstSchema(signed, 'not a schema' as never)).toThrow(expect.objectContaining({ code: ErrorCode.SCHEMA_UNRESOLVED }));
  });

  it('a schema of draft-07 or without $schema is read (by ajv\'s default and 2020-12)', () => {
    const required = { type: 'object', required: ['name'] };
    expect(validateAgainstSchema({}, { $schema: 'http://json-schema.org/draft-07/schema#', ...required })).toEqual([{ path: 'name', keyword: 'required', message: 'is required but missing' }]);
    expect(validateAgainstSchema({ name: 'x' }, required)).toEqual([]);
  });
});
