// The signed credentials the hardening suites mutate and fuzz: microcred's own (eddsa-rdfc-2022,
// did:key and did:web, with and without a status entry, a two-proof set), the 1EdTech OB 3.0 test
// vector, and the DCC fixtures (eddsa-rdfc-2022 and Ed25519Signature2020, VC 1.1 and 2.0).
import jsigs from 'jsonld-signatures';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { DocumentLoader, didWebDocument, generateKey, issueCredential, type Key } from '../../src/index.js';
import {
  NOW,
  fixture,
  specVectorKeyDocument,
  unsignedCredential,
  type CredentialDraft,
} from '../helpers/credential.js';

type Doc = Record<string, unknown>;

/** A signed credential and the loader that holds what verifying it needs offline. */
export interface SignedBase {
  name: string;
  credential: Doc;
  loader: DocumentLoader;
}

const DCC = 'dcc/vc-test-fixtures/verifiableCredentials';

/**
 * DCC fixtures, by group, that are authentic at {@link NOW}. Left out: the tampered one, and those
 * that repeat another one but for the issuer's registry or a name (v1 fourRegistry-, noRegistry- and
 * oidf-noStatus-noExpiry, legacyRegistry-noStatus-noExpiry-OBSpecExample; v2 noRegistry-revokedStatus-
 * noExpiry, -credName, -credSubjName, -achievementTypeExample, -OBSpecExample, which the 1EdTech
 * vector covers), which would add time and no new shape.
 */
export const DCC_FIXTURES = {
  'eddsa-rdfc-2022, VC 1.1': [
    'v1/dataIntegrityProof/didKey/legacy-noStatus-noExpiry.json',
    'v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-oldDCCExample.json',
    'v1/dataIntegrityProof/didKey/oidf-noStatus-expired.json',
  ],
  'eddsa-rdfc-2022 + Ed25519Signature2020 proof sets, VC 1.1': [
    'v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry-basicOBv3.json',
    'v1/bothSignatureTypes/didKey/oidf-noStatus-noExpiry.json',
  ],
  'eddsa-rdfc-2022, VC 2.0': [
    'v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json',
    'v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-basicOBv3.json',
    'v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-identityHash.json',
    'v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-minimal.json',
    'v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-notExpired-withSchema.json',
    'v2/dataIntegrityProof/didKey/noRegsitry-revokedStatus-notExpired.json',
    'v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-complexIssuer.json',
    'v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-notYetValid.json',
    'v2/dataIntegrityProof/didKey/oidf-revokedStatus-noExpiry.json',
    'v2/dataIntegrityProof/didKey/twoOIDF-revoked-notExpired-badSchema.json',
    'v2/dataIntegrityProof/didKey/twoOIDF-validStatus-expired.json',
  ],
  'Ed25519Signature2020, VC 2.0': [
    'v2/ed25519/didKey/legacy-noStatus-expired.json',
    'v2/ed25519/didKey/legacy-noStatus-noExpiry-lcwExperience.json',
    'v2/ed25519/didKey/legacy-noStatus-noExpiry-stringIssuerId.json',
    'v2/ed25519/didKey/legacy-noStatus-noExpiry.json',
  ],
} as const;

/** A DCC fixture as a base; the one fixture under the DCC context gets that context from the loader. */
export function dccBase(file: string): SignedBase {
  const loader = new DocumentLoader({
    documents: { 'https://w3id.org/dcc/v1': fixture('contexts/w3id.org_dcc_v1.jsonld') },
  });
  return { name: file.replace('/didKey/', '/'), credential: fixture(`${DCC}/${file}`), loader };
}

/** The 1EdTech OB 3.0 eddsa-rdfc-2022 test vector, its https key document held by the loader. */
export function specVectorBase(): SignedBase {
  const { controller, document } = specVectorKeyDocument();
  return {
    name: '1EdTech OB 3.0 test vector',
    credential: fixture('spec/test-vectors/obv3p0/signed-credential.json'),
    loader: new DocumentLoader({ documents: { [controller]: document } }),
  };
}

/** A credential with most of what OB 3.0 lets a micro-credential say: lists of blank and named nodes, a @list, numbers, dates. */
export function richCredential(key: Pick<Key, 'controller'>): CredentialDraft {
  const base = 'https://pd.example.org/achievements/formative-assessment';
  return unsignedCredential(key, {
    id: 'urn:uuid:1f0c8a52-7d0e-4b8e-9a35-2b7a1d3e9c41',
    validUntil: '2030-01-15T09:00:00Z',
    description: 'Awarded for reviewed classroom evidence.',
    awardedDate: '2026-01-15T09:00:00Z',
    image: { id: 'https://pd.example.org/badges/fa.png', type: 'Image' },
    evidence: [
      {
        id: 'https://pd.example.org/evidence/42',
        type: ['Evidence'],
        name: 'Lesson plan',
        narrative: 'Plan with exit tickets.',
      },
      { type: ['Evidence'], narrative: 'Observed lesson, 2026-01-10.' },
    ],
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:teacher-42',
      creditsEarned: 1.5,
      result: [
        { type: ['Result'], resultDescription: `${base}/results/practice`, achievedLevel: `${base}/levels/proficient` },
      ],
      achievement: {
        id: base,
        type: ['Achievement'],
        name: 'Formative Assessment',
        description: 'Uses formative assessment to adjust instruction.',
        criteria: { narrative: 'A reviewed lesson plan and classroom evidence.' },
        achievementType: 'MicroCredential',
        creditsAvailable: 1.5,
        tag: ['assessment', 'teaching', 'k12'],
        alignment: [
          {
            type: ['Alignment'],
            targetName: 'Assessment for learning',
            targetUrl: 'https://standards.example.org/a/1',
            targetType: 'CFItem',
          },
          { type: ['Alignment'], targetName: 'Feedback', targetUrl: 'https://standards.example.org/a/2' },
        ],
        resultDescription: [
          {
            id: `${base}/results/practice`,
            type: ['ResultDescription'],
            name: 'Practice',
            resultType: 'RubricCriterionLevel',
            allowedValue: ['Beginning', 'Proficient', 'Advanced'],
            rubricCriterionLevel: [
              { id: `${base}/levels/beginning`, type: ['RubricCriterionLevel'], name: 'Beginning', level: '1' },
              { id: `${base}/levels/proficient`, type: ['RubricCriterionLevel'], name: 'Proficient', level: '2' },
            ],
          },
        ],
      },
    },
  } as Partial<CredentialDraft>);
}

/** microcred's own credentials: did:key and did:web, a rich one, one with a status entry, and a two-proof set. */
export async function microcredBases(): Promise<SignedBase[]> {
  const key = await generateKey();
  const [first, second] = [await generateKey(), await generateKey()];
  const domain = 'pd.example.org';
  const webDocument = didWebDocument(domain, [first, second]);
  const web = first.withController(webDocument.id);
  const webLoader = () => new DocumentLoader({ documents: { [webDocument.id]: webDocument } });
  const issue = async (draft: CredentialDraft, signer: Key<'ed25519'> = key) =>
    (await issueCredential(draft as never, { key: signer, now: NOW, loader: webLoader() })) as unknown as Doc;

  const rich = await issue(richCredential(key));
  const withStatus = await issue(
    unsignedCredential(key, {
      credentialStatus: {
        id: 'https://pd.example.org/status/1#7',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '7',
        statusListCredential: 'https://pd.example.org/status/1',
      },
    } as Partial<CredentialDraft>),
  );
  const onWeb = await issue(unsignedCredential(web), web);
  const proofSet = await addProof(onWeb, second.withController(webDocument.id));
  return [
    { name: 'microcred, did:key', credential: await issue(unsignedCredential(key)), loader: new DocumentLoader() },
    { name: 'microcred, rich, did:key', credential: rich, loader: new DocumentLoader() },
    { name: 'microcred, status entry, did:key', credential: withStatus, loader: new DocumentLoader() },
    { name: 'microcred, did:web', credential: onWeb, loader: webLoader() },
    { name: 'microcred, two proofs, did:web', credential: proofSet, loader: webLoader() },
  ];
}

// A second eddsa-rdfc-2022 proof by another key of the same controller: a proof set.
async function addProof(credential: Doc, key: Key<'ed25519'>): Promise<Doc> {
  const suite = new DataIntegrityProof({
    signer: key.signer(),
    cryptosuite,
    date: NOW.toISOString().replace(/\.\d+Z$/, 'Z'),
  });
  const loader = new DocumentLoader({ documents: {} });
  return (await jsigs.sign(structuredClone(credential), {
    suite,
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader: loader.load,
  })) as Doc;
}

/** Another issuer's DID and key, for swaps. */
export async function outsider(): Promise<{ controller: string; id: string }> {
  const key = await generateKey();
  return { controller: key.controller, id: key.id };
}
