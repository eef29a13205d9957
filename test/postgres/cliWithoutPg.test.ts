import { describe, expect, it, vi } from 'vitest';
import { cli, tempDir } from '../cli/helpers.js';

// As if the optional pg package were not installed: importing it fails the way Node fails.
vi.mock('pg', () => {
  throw Object.assign(new Error("Cannot find package 'pg' imported from microcred"), { code: 'ERR_MODULE_NOT_FOUND' });
});

describe('microcred status --postgres without the pg package', () => {
  it('says to install pg, and the file store still works', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const result = await cli(dir, 'status', 'show', '--postgres', 'postgres://issuer:S3cret@127.0.0.1:5432/badges');
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        'error ERR_STORE_FAILED: The PostgreSQL status store needs the "pg" package: npm install pg\n',
      );
      const file = await cli(dir, 'status', 'show');
      expect(file.stderr).toContain('There is no status store microcred-status.json');
    } finally {
      await cleanup();
    }
  });
});
