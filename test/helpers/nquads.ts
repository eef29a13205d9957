// An independent reading of a credential's canonical N-Quads (RDFC-1.0, as jsonld.canonize gives
// them): the statements a Data Integrity proof signs, without microcred's own reader, so tests can
// hold what a report shows against what was signed.
import jsonld from 'jsonld';
import { DocumentLoader } from '../../src/index.js';

/** One statement: subject, predicate and object (an IRI, a blank node label or a literal's lexical form). */
export interface Quad {
  s: string;
  p: string;
  o: string;
  literal: boolean;
  graph?: string;
}

const LINE =
  /^(<[^>]*>|_:\S+) <([^>]*)> (<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@\S+)?)(?: (<[^>]*>|_:\S+))? \.$/;

/** The canonical N-Quads of `credential` without its proof, parsed. */
export async function signedQuads(credential: Record<string, unknown>): Promise<Quad[]> {
  const { proof: _proof, ...rest } = credential;
  const text = await jsonld.canonize(rest, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader: new DocumentLoader().load,
    safe: false,
  });
  return text.split('\n').filter(Boolean).map(parseLine);
}

function parseLine(line: string): Quad {
  const m = LINE.exec(line);
  if (!m) throw new Error(`not an N-Quad: ${line}`);
  const [, s, p, o, g] = m as unknown as [string, string, string, string, string | undefined];
  const literal = o.startsWith('"');
  const object = literal ? (JSON.parse(o.slice(0, o.lastIndexOf('"') + 1)) as string) : o.replace(/^<|>$/g, '');
  return { s: s.replace(/^<|>$/g, ''), p, o: object, literal, ...(g ? { graph: g } : {}) };
}

const CRED = 'https://www.w3.org/2018/credentials#';
const TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const NAME = ['https://schema.org/name', 'http://schema.org/name'];
const ACHIEVEMENT = ['achievement', 'achievement-0', 'Achievement'].map(
  (t) => `https://purl.imsglobal.org/spec/vc/ob/vocab.html#${t}`,
);

/** What a verifier shows of a credential, read straight from its statements: every value each field has. */
export interface SignedFacts {
  id: string[];
  name: string[];
  issuer: string[];
  issuerName: string[];
  achievement: string[];
  achievementName: string[];
  validFrom: string[];
  validUntil: string[];
}

/** The facts of the one node typed VerifiableCredential in the default graph. */
export function factsOf(quads: Quad[]): SignedFacts {
  const inDefault = quads.filter((q) => q.graph === undefined);
  const objects = (s: string[], ps: string[]) =>
    inDefault.filter((q) => s.includes(q.s) && ps.includes(q.p)).map((q) => q.o);
  const credential = inDefault.filter((q) => q.p === TYPE && q.o === `${CRED}VerifiableCredential`).map((q) => q.s);
  const issuer = objects(credential, [`${CRED}issuer`]);
  const subjects = objects(credential, [`${CRED}credentialSubject`]);
  const achievement = objects(subjects, ACHIEVEMENT);
  const iri = (values: string[]) => values.filter((v) => !v.startsWith('_:'));
  return {
    id: iri(credential),
    name: objects(credential, NAME),
    issuer: iri(issuer),
    issuerName: objects(issuer, NAME),
    achievement: iri(achievement),
    achievementName: objects(achievement, NAME),
    validFrom: objects(credential, [`${CRED}validFrom`, `${CRED}issuanceDate`]),
    validUntil: objects(credential, [`${CRED}validUntil`, `${CRED}expirationDate`]),
  };
}
