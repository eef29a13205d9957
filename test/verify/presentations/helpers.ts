// Badges issued by a district to a teacher, and the teacher's key to present them with.
import { generateKey, issueCredential, type Key } from '../../../src/index.js';
import { NOW, unsignedCredential } from '../../helpers/credential.js';

export interface Wallet {
  issuer: Key;
  holder: Key;
  badges: Record<string, unknown>[];
}

/** An issuer key, a holder key and two badges awarded to the holder (their subject id is the holder's DID). */
export async function wallet(): Promise<Wallet> {
  const [issuer, holder] = await Promise.all([generateKey(), generateKey()]);
  const badges = await Promise.all(
    ['Formative Assessment', 'Argumentation in Science'].map(async (name, i) => {
      const draft = unsignedCredential(issuer, { name });
      const subject = draft.credentialSubject as Record<string, unknown>;
      subject.id = holder.controller;
      (subject.achievement as Record<string, unknown>).id = `https://pd.example.org/achievements/${i}`;
      return (await issueCredential(draft as never, { key: issuer, now: NOW })) as unknown as Record<string, unknown>;
    }),
  );
  return { issuer, holder, badges };
}

export const CHALLENGE = 'c0ffee-5e55-10n-42';
export const DOMAIN = 'verifier.example.org';
