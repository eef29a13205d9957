// The main entry point as a caller sees it: what left it stays off, and constants are named in one style.
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

const MOVED_OFF = [
  'achievementId',
  'resultDescriptionId',
  'rubricLevelId',
  'matchesDefinitionRef',
  'imageKindOf',
  'bundledContextUrls',
  'MIN_STATUS_LIST_LENGTH',
  'competencyDefinitionSchema',
  'summarize',
];

describe('the main entry point', () => {
  it('no longer exports the id builders, imageKindOf, bundledContextUrls or MIN_STATUS_LIST_LENGTH', () => {
    for (const name of MOVED_OFF) expect(Object.keys(api), name).not.toContain(name);
  });

  it('names every exported constant in UPPER_SNAKE_CASE (ErrorCode is an enum-like object, named as a TypeScript enum is)', () => {
    const constants = Object.entries(api)
      .filter(([, value]) => typeof value !== 'function')
      .map(([name]) => name);
    const offStyle = constants.filter((name) => name !== 'ErrorCode' && !/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(name));
    expect(offStyle).toEqual([]);
    expect(constants).toEqual(
      expect.arrayContaining(['CONTEXT', 'DEFAULT_LIMITS', 'COMPETENCY_DEFINITION_SCHEMA', 'ErrorCode']),
    );
  });

  it('COMPETENCY_DEFINITION_SCHEMA is the definition format an editor can validate against', () => {
    expect(api.COMPETENCY_DEFINITION_SCHEMA).toMatchObject({ $schema: expect.stringContaining('2020-12') });
  });
});
