import { readFileSync } from 'node:fs';
import Ajv2019Mod from 'ajv/dist/2019.js';
const Ajv2019 = Ajv2019Mod.default ?? Ajv2019Mod;
const ajv = new Ajv2019({ allErrors: true, strict: false, logger: false, validateFormats: false });
const dir = '/work/shared/fixtures/schemas/';
const ach = ajv.compile(JSON.parse(readFileSync(dir + 'ob_v3p0_achievementcredential-jsonschema1.json','utf8')));
const end = ajv.compile(JSON.parse(readFileSync(dir + 'ob_v3p0_endorsementcredential-jsonschema1.json','utf8')));
const rows = readFileSync('/tmp/sch/rows.txt','utf8').split('\n').filter(l => /^\d+ /.test(l)).map(l => l.split(' ')[1]);
function wrapAt(doc, pointer) {
  const segs = pointer.split('/').slice(1);
  if (!segs.length) return false;
  let parent = doc;
  for (const s of segs.slice(0,-1)) parent = parent[s];
  const last = segs.at(-1);
  if (Array.isArray(parent[last])) return false;
  parent[last] = [parent[last]];
  return true;
}
function check(v, doc0) {
  const doc = structuredClone(doc0);
  for (let round = 0; round < 10; round++) {
    if (v(doc)) return [];
    const wraps = v.errors.filter(e => e.keyword === 'type' && e.params.type === 'array');
    let changed = false;
    for (const e of wraps) changed = wrapAt(doc, e.instancePath) || changed;
    if (!changed) break;
  }
  return v.errors;
}
for (const p of rows) {
  if (!p.endsWith('.json') && !p.endsWith('.1ob')) continue;
  const doc = JSON.parse(readFileSync('/work/shared/fixtures/' + p, 'utf8'));
  if (doc['@context']?.[0] !== 'https://www.w3.org/ns/credentials/v2') continue;
  const types = [].concat(doc.type);
  const v = types.includes('EndorsementCredential') ? end : ach;
  const errors = check(v, doc);
  const errs = errors.filter(e => !['anyOf','oneOf','if'].includes(e.keyword)).slice(0,6).map(e => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params).slice(0,100)}`);
  console.log((errors.length===0?'OK  ':'BAD ') + p + (errors.length===0?'':'\n     ' + errs.join('\n     ')));
}
