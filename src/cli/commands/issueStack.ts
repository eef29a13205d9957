import { checkStack, type StackRecipient } from '../../stack/checkStack.js';
import { prepareStack, signStack } from '../../stack/issueStack.js';
import { looksLikeEmail } from '../../identity/hash.js';
import { isDid } from '../../identifiers.js';
import type { SuiteName } from '../../proofs/suites.js';
import type { Key } from '../../keys/key.js';
import type { SignedCredential } from '../../model/credential.js';
import type { CredentialStatusSource } from '../../status/entry.js';
import { UsageError, required, type CliIo } from '../args.js';
import { readJson, resolvePath } from '../files.js';
import { parseMoment, readDefinition } from '../inputs.js';
import { loaderWith } from './verify.js';

/** The options of `microcred issue` that only a stack takes. */
export const STACK_OPTIONS = {
  component: { type: 'string', multiple: true },
  'recipient-email': { type: 'string' },
  'recipient-did': { type: 'string' },
  'accept-issuer': { type: 'string', multiple: true },
  'did-doc': { type: 'string', multiple: true },
} as const;

interface StackValues {
  competency?: string;
  component?: string[];
  'recipient-email'?: string;
  'recipient-did'?: string;
  'accept-issuer'?: string[];
  'did-doc'?: string[];
  now?: string;
}

/**
 * `issue --competency STACK --component CRED...`: checks every required micro-credential
 * (verified, same recipient, accepted issuer) and signs the stack credential only when all count.
 * Returns undefined, having printed each failing requirement by name, when one does not.
 */
export async function issueStackFromOptions(
  values: StackValues,
  io: CliIo,
  readKey: () => Promise<Key>,
  validUntil: string | undefined,
  { status, suite }: { status?: CredentialStatusSource; suite?: SuiteName } = {},
): Promise<SignedCredential | undefined> {
  const competency = required('issue', 'competency', values.competency);
  const recipient = recipientOf(values);
  const now = values.now === undefined ? undefined : parseMoment(values.now, '--now', 'issue');
  const loader = await loaderWith(values['did-doc'] ?? [], io, 'issue');

  const definition = await readDefinition(io, competency);
  if (!definition.stack) {
    throw new UsageError(
      `${competency} is not a stack: it is earned by review. Issue it with --submission SUB --review REV... instead of --component.`,
      'issue',
    );
  }
  const credentials: unknown[] = [];
  for (const file of values.component ?? []) credentials.push(await readJson(resolvePath(io.cwd, file), file));
  const key = await readKey();

  const options = {
    key,
    recipient,
    loader,
    ...(now ? { now } : {}),
    ...(values['accept-issuer'] ? { acceptedIssuers: values['accept-issuer'] } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(status ? { status } : {}),
    ...(suite ? { suite } : {}),
  };
  // issueStack's steps, taken one by one so that every requirement can be reported by name,
  // passing ones too, without verifying the components a second time.
  const stack = await prepareStack(definition, options);
  const results = await checkStack(definition, credentials, options);
  const failing = results.filter((r) => !r.ok);
  if (failing.length > 0) {
    io.stderr(
      `error ${failing[0]!.problem?.code ?? 'ERR_STACK_COMPONENT_INVALID'}: not issued: ${failing.length} of the ${results.length} micro-credentials "${definition.name}" requires ${failing.length === 1 ? 'does' : 'do'} not count.\n`,
    );
    for (const r of results) {
      const from = r.credential ? ` (${(values.component ?? [])[r.credential.index]})` : '';
      io.stderr(r.ok ? `  ✔ ${r.name}${from}\n` : `  ✖ ${r.name}${from}: ${r.problem?.message ?? 'does not count'}\n`);
    }
    return undefined;
  }
  return signStack(stack, results, options);
}

function recipientOf(values: StackValues): StackRecipient {
  const email = values['recipient-email'];
  const did = values['recipient-did'];
  if ((email === undefined) === (did === undefined)) {
    throw new UsageError(
      'A stack needs its recipient: give --recipient-email EMAIL or --recipient-did DID (one of them).',
      'issue',
    );
  }
  if (email !== undefined) {
    if (!looksLikeEmail(email))
      throw new UsageError(`--recipient-email must be an email address; it is "${email}".`, 'issue');
    return { email };
  }
  if (!isDid(did) || did !== did.trim())
    throw new UsageError(`--recipient-did must be a DID (did:method:…); it is "${did}".`, 'issue');
  return { did: did as string };
}
