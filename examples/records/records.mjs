// Portable records: a professional body endorses a micro-credential design, a district issues the
// endorsed micro-credentials and the stack they add up to, and bundles them into one signed CLR 2.0
// record for the teacher; then every piece is verified, and a tampered record is caught by name.
// Run with `npx tsup --silent && node examples/records/records.mjs`. Offline; files go to out/records/.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  bundleClr,
  compileAchievement,
  formatReport,
  generateKey,
  issueCredential,
  issueEndorsement,
  issueStack,
  parseCompetency,
  verifyCredential,
} from '../../dist/index.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const definition = async (name) =>
  parseCompetency(await readFile(here(`../competencies/${name}.yaml`), 'utf8'), { source: name });
const out = here('../../out/records/');
const save = (name, value) => writeFile(`${out}${name}`, `${JSON.stringify(value, null, 2)}\n`);
const heading = (text) => console.log(`\n── ${text} ${'─'.repeat(Math.max(0, 72 - text.length))}`);
await mkdir(out, { recursive: true });

const district = await generateKey();
const board = await generateKey();
const teacher = 'did:example:elena-marsh';
const now = new Date();

heading('1. The State Board endorses the math micro-credential');
const math = await definition('formative-assessment-math');
const endorsement = await issueEndorsement(
  {
    endorsed: { id: compileAchievement(math).id, name: math.name },
    comment: 'Reviewed by the Board: the rubric and evidence requirements meet our quality criteria.',
    endorser: { name: 'State Board of Educator Standards' },
  },
  { key: board },
);
await save('endorsement.json', endorsement);
console.log(`${endorsement.name}\n  by ${board.controller}`);

heading('2. The district issues three micro-credentials (the math one endorsed)');
const designs = [
  { ...math, endorsements: [endorsement] },
  await definition('science-argumentation-discourse'),
  await definition('culturally-responsive-read-alouds'),
];
const components = [];
for (const design of designs) {
  const credential = await issueCredential(
    {
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: design.name,
      issuer: { id: district.controller, type: ['Profile'], name: 'Riverbend Unified School District' },
      credentialSubject: { type: ['AchievementSubject'], id: teacher, achievement: compileAchievement(design) },
    },
    { key: district },
  );
  components.push(credential);
  console.log(`  ${design.name}`);
}

heading('3. … and the stack they add up to');
const leader = await definition('student-thinking-leader');
leader.issuer = { ...leader.issuer, id: district.controller };
const stack = await issueStack(leader, components, { key: district, recipient: { did: teacher } });
console.log(`  ${stack.name}`);

heading("4. The teacher's CLR 2.0 record");
const clr = await bundleClr([...components, stack], {
  key: district,
  holder: { id: teacher },
  stack: leader,
  name: 'Elena Marsh — professional learning record',
  issuer: { name: 'Riverbend Unified School District' },
});
await save('clr.json', clr);
console.log(
  `Wrote out/records/clr.json: ${clr.credentialSubject.verifiableCredential.length} credentials, ${clr.credentialSubject.association.length} associations`,
);

heading('5. Verify the record: its proof, each credential inside, the associations');
const report = await verifyCredential(clr, { now });
console.log(formatReport(report));
const [mathPart] = report.checks.find((c) => c.id === 'credentials').parts;
const endorsed = mathPart.credential.report.checks.find((c) => c.id === 'endorsement');
console.log(`The math credential's endorsement: ${endorsed.outcome} — ${endorsed.parts[0].label}`);

heading('6. A record over a tampered credential is named');
const tampered = structuredClone(components[1]);
tampered.name = 'Productive Talk for Scientific Argumentation (with distinction)';
try {
  await bundleClr([components[0], tampered], { key: district });
} catch (error) {
  console.log(`${error.code}: ${error.message.slice(0, 160)}…`);
}
