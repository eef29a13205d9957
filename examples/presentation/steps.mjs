// The steps of examples/presentation/present.mjs, given the library: a district awards a teacher two
// badges, a verifier site asks the teacher to present them, and checks what comes back.
// Kept apart from the script so that the test suite runs these very steps against the sources.

/**
 * Runs the example with `lib` (microcred's exports) and writes what happens with `log`.
 * Returns what a test checks: whether each presentation verified.
 */
export async function present(lib, log = console.log) {
  const { generateKey, issueCredential, signPresentation, verifyPresentation, formatPresentationReport } = lib;
  const now = new Date('2026-06-01T12:00:00Z');

  // 1. The district's key and the teacher's own key (a did:key each; the teacher's is in a wallet).
  const district = await generateKey();
  const teacher = await generateKey();

  // 2. Two badges, each naming the teacher's DID as its subject.
  const badge = (name, slug) =>
    issueCredential(
      {
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name,
        issuer: { id: district.controller, type: ['Profile'], name: 'Example District PD' },
        validFrom: '2026-01-15T09:00:00Z',
        credentialSubject: {
          type: ['AchievementSubject'],
          id: teacher.controller,
          achievement: {
            id: `https://pd.example.org/achievements/${slug}`,
            type: ['Achievement'],
            name,
            description: `Demonstrated competency: ${name}.`,
            criteria: { narrative: 'Reviewed classroom evidence and reflection.' },
            achievementType: 'MicroCredential',
          },
        },
      },
      { key: district, now },
    );
  const badges = [
    await badge('Formative Assessment', 'formative-assessment'),
    await badge('Argumentation in Science', 'science-argumentation'),
  ];

  // 3. The verifier site makes a fresh challenge for this request and names its domain.
  const challenge = globalThis.crypto.randomUUID();
  const domain = 'hiring.example.org';

  // 4. The teacher's wallet signs a presentation of both badges, answering that challenge.
  const vp = await signPresentation({ verifiableCredential: badges }, { key: teacher, challenge, domain, now });

  // 5. The site verifies it: the teacher's proof, the challenge and domain, each badge, teacher = subject.
  const report = await verifyPresentation(vp, { challenge, domain, now });
  log(formatPresentationReport(report));

  // 6. The same presentation sent again for another request is a replay.
  const replay = await verifyPresentation(vp, { challenge: globalThis.crypto.randomUUID(), domain, now });
  log('\nThe same presentation, for a new request:');
  log(replay.checks.find((c) => c.id === 'challenge').problem.title);

  // 7. A wallet that speaks VP-JWT (OpenID4VP): nonce and aud carry the challenge and domain.
  const token = await signPresentation(
    { verifiableCredential: badges },
    { key: teacher, challenge, domain, now, format: 'jwt' },
  );
  const jwtReport = await verifyPresentation(token, { challenge, domain, now });
  log(
    `\nAs a VP-JWT: ${jwtReport.verified ? 'verified' : 'not verified'} (${jwtReport.credentials.length} credentials)`,
  );

  return { verified: report.verified, replayVerified: replay.verified, jwtVerified: jwtReport.verified };
}
