// The main job on embedded defaults: define → submit → review → decide → issue → verify → stack,
// then the badge image, revocation and a VC-JWT.
// Run with `npm run demo` (it builds first). Everything is offline; files go to out/demo/.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  generateKey,
  exportKey,
  parseCompetency,
  decide,
  issueFromDecision,
  verifyCredential,
  formatReport,
  matchesIdentity,
  checkStack,
  issueStack,
  MicrocredError,
  bakeCredential,
  StatusRegistry,
  issueCredential,
  MemoryStatusStore,
} from '../dist/index.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const readJson = async (path) => JSON.parse(await readFile(here(path), 'utf8'));
const readDefinition = async (path) => parseCompetency(await readFile(here(path), 'utf8'), { source: path });
const out = here('../out/demo/');
const heading = (text) => console.log(`\n── ${text} ${'─'.repeat(Math.max(0, 72 - text.length))}`);

await mkdir(out, { recursive: true });

heading('1. The issuer key');
const key = await generateKey();
await writeFile(`${out}issuer.key.json`, JSON.stringify(await exportKey(key, { includeSecret: true }), null, 2), {
  mode: 0o600,
});
console.log(`Issuer DID  ${key.controller}\nKey file    out/demo/issuer.key.json (mode 0600)`);

heading('2. The competency definition');
const math = await readDefinition('competencies/formative-assessment-math.yaml');
console.log(`${math.name} (v${math.version})\n  Competency: ${math.competency.trim()}`);
for (const component of math.components) {
  const passing = component.rubric.levels
    .filter((l) => l.passing)
    .map((l) => l.name)
    .join(' or ');
  console.log(`  • ${component.name} — ${component.evidence.artifacts.length} artifact(s); passes at ${passing}`);
}

heading("3. A teacher's submission");
const submission = await readJson('submissions/hinge-questions-math.json');
console.log(`${submission.candidate.name}, attempt ${submission.attempt}, submitted ${submission.submittedAt}`);
for (const [id, part] of Object.entries(submission.components)) {
  console.log(`  ${id}: ${part.artifacts.map((a) => `${a.requirement} (${a.digest.slice(0, 15)}…)`).join(', ')}`);
}

heading('4. Review and decision');
const load = (names) => Promise.all(names.map((n) => readJson(`reviews/${n}.json`)));
const rejected = await decide(math, submission, await load(['reject-kowalski', 'reject-brooks']));
console.log(`Reviewers Kowalski + Brooks → ${rejected.status}`);
for (const reason of rejected.reasons) console.log(`  ${reason.code}: ${reason.message}`);
const pending = await decide(math, submission, await load(['split-reyes', 'split-lee']));
console.log(`Reviewers Reyes + Lee → ${pending.status} (${pending.reasons.map((r) => r.code).join(', ')})`);
const approved = await decide(math, submission, await load(['approve-hale', 'approve-natarajan']));
console.log(`Reviewers Hale + Natarajan → ${approved.status} at ${approved.decidedAt}`);

heading('5. Issue the credential (only an approved decision can be issued)');
if (approved.status !== 'approved') throw new Error('the example reviews should approve');
const credential = await issueFromDecision(approved, {
  definition: math,
  submission,
  key,
  evidenceAudience: 'Riverbend reviewers and hiring districts',
});
await writeFile(`${out}hinge-questions-math.credential.json`, JSON.stringify(credential, null, 2));
console.log(
  `Wrote out/demo/hinge-questions-math.credential.json (${credential.evidence.length} evidence entries, ${credential.credentialSubject.result.length} results)`,
);
console.log(`The teacher's email is not in it: ${!JSON.stringify(credential).includes(submission.candidate.email)}`);

heading('6. Verify it, as a verifier site would');
const report = await verifyCredential(await readFile(`${out}hinge-questions-math.credential.json`, 'utf8'));
console.log(formatReport(report));
const identity = credential.credentialSubject.identifier[0];
console.log(
  `A verifier who knows ${submission.candidate.email}: matches = ${await matchesIdentity(identity, submission.candidate.email)}`,
);
console.log(
  `…and someone else's address: matches = ${await matchesIdentity(identity, 'someone.else@riverbend.example')}`,
);

heading('7. A tampered copy');
const tampered = structuredClone(credential);
tampered.credentialSubject.result[2].achievedLevel = tampered.credentialSubject.result[2].achievedLevel.replace(
  'proficient',
  'not-yet',
);
const tamperedReport = await verifyCredential(tampered);
const failed = tamperedReport.checks.find((c) => c.outcome === 'failed');
console.log(`${tamperedReport.summary}: ${failed.problem.title} (${failed.problem.code})`);

// A relabelled copy keeps the signed statements (so the signature still holds) but makes its JSON
// show another achievement name: an added context moves the signed name out of sight.
const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';
const plain = await issueCredential(
  {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: credential.name,
    validFrom: credential.validFrom,
    issuer: credential.issuer,
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:web:riverbend.example:staff:elena-marsh',
      achievement: {
        id: credential.credentialSubject.achievement.id,
        type: ['Achievement'],
        name: credential.credentialSubject.achievement.name,
        description: 'Hinge questions, acted on in the lesson.',
        criteria: { narrative: 'Reviewed evidence.' },
      },
    },
  },
  { key },
);
const relabelled = structuredClone(plain);
const shown = relabelled.credentialSubject.achievement;
const scoped = {
  name: '@index',
  signedName: 'https://schema.org/name',
  description: 'https://schema.org/description',
  criteria: `${OB}Criteria`,
  narrative: `${OB}narrative`,
};
relabelled['@context'].push({ achievement: { '@id': `${OB}achievement`, '@context': scoped } });
relabelled.credentialSubject.type = [`${OB}AchievementSubject`];
shown.type = [`${OB}Achievement`];
shown.signedName = shown.name;
shown.name = 'National Board Certification';
await writeFile(`${out}relabelled.json`, JSON.stringify(relabelled, null, 2));
const relabelledReport = await verifyCredential(relabelled);
const view = relabelledReport.checks.find((c) => c.id === 'view');
const signature = relabelledReport.checks.find((c) => c.id === 'signature');
console.log(
  `Relabelled copy (out/demo/relabelled.json): signature ${signature.outcome}, but ${view.problem.code} at ${view.problem.path}`,
);
console.log(
  `  Its JSON says "${shown.name}"; the report shows what was signed: "${relabelledReport.credential.achievement.name}"`,
);

heading('8. Stacking into a larger credential');
const stack = await readDefinition('competencies/student-thinking-leader.yaml');
const recipient = { email: submission.candidate.email };
const partial = await checkStack(stack, [credential], { recipient });
for (const r of partial) console.log(`  ${r.ok ? '✔' : '✖'} ${r.name}${r.ok ? '' : ` — ${r.problem.message}`}`);
try {
  await issueStack(stack, [credential], { key, recipient });
} catch (error) {
  if (!(error instanceof MicrocredError)) throw error;
  console.log(`Not issued yet: ${error.code}`);
}
const science = await readDefinition('competencies/science-argumentation-discourse.yaml');
const scienceSubmission = await readJson('submissions/science-argumentation.json');
const scienceDecision = await decide(
  science,
  scienceSubmission,
  await load(['science-approve-shah', 'science-approve-ortega']),
);
if (scienceDecision.status !== 'approved') throw new Error('the science example reviews should approve');
const scienceCredential = await issueFromDecision(scienceDecision, {
  definition: science,
  submission: scienceSubmission,
  key,
});
const leader = await issueStack(stack, [credential, scienceCredential], { key, recipient });
await writeFile(`${out}student-thinking-leader.credential.json`, JSON.stringify(leader, null, 2));
const leaderReport = await verifyCredential(leader);
console.log(`${stack.name}: ${leaderReport.summary}, evidence → ${leader.evidence.map((e) => e.name).join(' + ')}`);

heading('9. The badge image, with the credential baked in');
const png = bakeCredential(await readFile(here('badge/microcred-badge.png')), credential);
await writeFile(`${out}hinge-questions-math.png`, png);
const imageReport = await verifyCredential(png);
console.log(
  `Wrote out/demo/hinge-questions-math.png: verified from the ${imageReport.image} = ${imageReport.verified} (checks: ${imageReport.checks.map((c) => c.id).join(', ')})`,
);

heading('10. Revocation (Bitstring Status List)');
const registry = new StatusRegistry({
  store: new MemoryStatusStore(),
  key,
  listBaseUrl: 'https://pd.riverbend.example/status',
});
const revocable = await issueFromDecision(scienceDecision, {
  definition: science,
  submission: scienceSubmission,
  key,
  status: registry,
});
const published = Object.fromEntries((await registry.publish()).map((list) => [list.id, list]));
const before = await verifyCredential(revocable, { documents: published });
console.log(
  `Issued with ${revocable.credentialStatus.length} status entries; with the published lists: ${before.summary}`,
);
const { listCredential } = await registry.revoke(revocable.id);
const after = await verifyCredential(revocable, { documents: { ...published, [listCredential.id]: listCredential } });
const status = after.checks.find((c) => c.id === 'status');
console.log(`After revoking and republishing: ${after.summary} — ${status.problem.title} (${status.problem.code})`);
const unread = await verifyCredential(revocable);
console.log(
  `Without the lists: ${unread.summary} (${unread.checks.find((c) => c.id === 'status').problem.code}), never "not revoked"`,
);

heading('11. The same badge signed by a P-256 key: ecdsa-rdfc-2019, and as a VC-JWT (ES256)');
const p256 = await generateKey({ type: 'p256' });
const { proof: _proof, id: _id, ...unsigned } = credential; // a new id and proof for the new form
const draft = { ...unsigned, issuer: { ...credential.issuer, id: p256.controller } };
const ecdsa = await issueCredential(draft, { key: p256 });
const ecdsaReport = await verifyCredential(ecdsa);
console.log(
  `A P-256 key makes ${p256.proofs.join(', ')}; by default ${ecdsa.proof.cryptosuite}: ${ecdsaReport.summary}`,
);
const jwt = await issueCredential(draft, { key: p256, format: 'jwt' });
await writeFile(`${out}hinge-questions-math.jwt`, jwt);
const jwtReport = await verifyCredential(jwt);
console.log(
  `Wrote out/demo/hinge-questions-math.jwt (${jwt.length} characters): ${jwtReport.format} ${jwtReport.summary}`,
);

console.log('\nDone. Try: node dist/cli/main.js verify out/demo/*.credential.json out/demo/*.png out/demo/*.jwt');
