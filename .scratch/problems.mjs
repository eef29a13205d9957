import { readFileSync } from 'node:fs';
const { verifyCredential } = await import(process.cwd() + '/dist/index.js');
for (const p of process.argv.slice(2)) {
  const r = await verifyCredential(readFileSync('test/fixtures/' + p, 'utf8'), { now: new Date('2026-06-01T12:00:00Z') });
  for (const c of r.checks) if (c.id === (process.env.CHECK ?? 'schema')) console.log(p, JSON.stringify(c, null, 1));
}
