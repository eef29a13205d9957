// The part of a CLR 2.0 credential that lists what it bundles, read by the checks of a record.
import type { VerifyContext } from './check.js';

/** The ClrSubject of a CLR 2.0 credential, with the JSON path it is written at, when it has one. */
export function clrSubject(ctx: VerifyContext): { at: string; credentials: string[] } | undefined {
  const view = ctx.view;
  if (!view?.types.includes('ClrCredential')) return undefined;
  const i = view.subjects.findIndex((s) => s.types.includes('ClrSubject'));
  const subject = view.subjects[i];
  if (!subject) return undefined;
  const at = Array.isArray(ctx.credential?.credentialSubject) ? `credentialSubject[${i}]` : 'credentialSubject';
  return { at, credentials: subject.credentials };
}
