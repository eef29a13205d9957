import { readFileSync } from 'node:fs';
import Ajv2019Mod from 'ajv/dist/2019.js';
const Ajv2019 = Ajv2019Mod.default ?? Ajv2019Mod;
const ajv = new Ajv2019({ allErrors: true, strict: false, logger: false, validateFormats: false });
const dir = '/work/shared/fixtures/schemas/';
const ach = ajv.compile(JSON.parse(readFileSync(dir + 'ob_v3p0_achievementcredential-jsonschema1.json','utf8')));
const end = ajv.compile(JSON.parse(readFileSync(dir + 'ob_v3p0_endorsementcredential-jsonschema1.json','utf8')));
const rows = readFileSync('/tmp/sch/rows.txt','utf8').split('\n').filter(l => /^\d+ /.test(l)).map(l => l.split(' ')[1]);
for (const p of rows) {
  if (!p.endsWith('.json') && !p.endsWith('.1ob')) continue;
  const doc = JSON.parse(readFileSync('/work/shared/fixtures/' + p, 'utf8'));
  const types = [].concat(doc.type);
  const v = types.includes('EndorsementCredential') ? end : ach;
  const ok = v(doc);
  const errs = (v.errors||[]).filter(e => !['anyOf','oneOf','if'].includes(e.keyword)).slice(0,4).map(e => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`);
  console.log((ok?'OK  ':'BAD ') + p + (ok?'':'\n     ' + errs.join('\n     ')));
}
