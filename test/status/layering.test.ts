// src/status is below the verifier: the verifier reads lists, the lists know nothing of it.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const STATUS = fileURLToPath(new URL('../../src/status/', import.meta.url));

describe('src/status', () => {
  it("imports nothing from src/verify (reading a list as a credential is the verifier's work)", () => {
    const files = readdirSync(STATUS).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const offending = files.filter((f) => /from\s+['"]\.\.\/verify\//.test(readFileSync(`${STATUS}${f}`, 'utf8')));
    expect(offending).toEqual([]);
  });
});
