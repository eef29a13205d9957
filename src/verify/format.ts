import { ErrorCode } from '../errors.js';
import type { Catalogue, ReportWords } from '../i18n/catalogue.js';
import { ENGLISH } from '../i18n/english.js';
import { localizeReport } from '../i18n/localize.js';
import { fill, type DetailParams } from '../i18n/template.js';
import type { CheckOutcome, CheckResult, CredentialSummary, VerificationReport } from './report.js';
import type { PresentationReport } from './presentation/report.js';

/** Options of {@link formatReport}. */
export interface FormatReportOptions {
  /** Colour the headline and symbols with ANSI escapes (for a terminal). Off by default. */
  color?: boolean;
  /**
   * The language to write the report in (see `localizeReport`): its words, check names, problem
   * titles and, for the common problems, details. English ({@link ENGLISH}) by default.
   *
   * @example formatReport(report, { catalogue: FRENCH })
   */
  catalogue?: Catalogue;
}

const SYMBOL: Record<CheckOutcome, string> = {
  passed: '✔',
  failed: '✖',
  warning: '⚠',
  skipped: '–',
  'could-not-check': '?',
};

type Tone = 'good' | 'bad' | 'warn' | 'dim' | 'unknown' | 'bold';

const ANSI: Record<Tone, [string, string]> = {
  good: ['\u001b[32m', '\u001b[39m'],
  bad: ['\u001b[31m', '\u001b[39m'],
  warn: ['\u001b[33m', '\u001b[39m'],
  unknown: ['\u001b[35m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  bold: ['\u001b[1m', '\u001b[22m'],
};

const TONE: Record<CheckOutcome, Tone> = {
  passed: 'good',
  failed: 'bad',
  warning: 'warn',
  skipped: 'dim',
  'could-not-check': 'unknown',
};

/**
 * The report as a person reads it: a headline (✔ verified, ✖ invalid, revoked or suspended even
 * when genuine, ? could not check), what the credential is, then one line per check
 * with a symbol (✔ passed, ✖ failed, ⚠ warning, – skipped, ? could not check) and, under each
 * check that did not pass, its problem's title, detail, code and JSON path.
 *
 * Values taken from the credential are shown with control characters escaped, so a crafted
 * credential cannot rewrite the terminal it is shown in. No ANSI colour unless `color: true`.
 *
 * @example
 * const report = await verifyCredential(json);
 * console.log(formatReport(report, { color: process.stdout.isTTY }));
 * // ✖ Invalid — the signature does not match
 * //
 * //   Credential   Formative Assessment
 * //   Issuer       Example District (did:web:pd.example.org)
 * //   …
 * //   ✔ The credential is a JSON object
 * //   ✖ The signature is valid (failed)
 * //       The signature does not match
 * //       …
 * //       code ERR_SIGNATURE_INVALID · path proof.proofValue
 */
export function formatReport(report: VerificationReport, options: FormatReportOptions = {}): string {
  const catalogue = options.catalogue ?? ENGLISH;
  return formatLocalized(catalogue === ENGLISH ? report : localizeReport(report, catalogue), {
    paint: painter(options),
    words: catalogue.words,
  });
}

interface Style {
  paint: (tone: Tone, text: string) => string;
  words: ReportWords;
}

function painter(options: FormatReportOptions): Style['paint'] {
  return (tone, text) => (options.color ? `${ANSI[tone][0]}${text}${ANSI[tone][1]}` : text);
}

// The words' template with its slots filled (a word is the catalogue's own text, never the credential's).
function say(template: string, params: DetailParams = {}): string {
  return fill(template, params) ?? template;
}

function formatLocalized(report: VerificationReport, style: Style): string {
  const { paint, words } = style;
  const lines: string[] = [headline(report, style), ''];

  const about: [string, string][] = [
    ...openBadges2(report),
    ...describe(report.credential, words),
    ...known(report, words),
    [words.labels.checkedAt, safe(report.checkedAt)],
  ];
  const width = Math.max(...about.map(([label]) => label.length)) + 2;
  for (const [label, value] of about) lines.push(`  ${paint('dim', label.padEnd(width))}${value}`);
  lines.push('');

  for (const check of report.checks) lines.push(...checkLines(check, style));
  return lines.join('\n');
}

/**
 * A presentation's report as a person reads it: a headline, the holder, one line per check of the
 * holder's proof and the request it answers, then each credential inside with its own report,
 * indented. Like {@link formatReport}: values from the input are escaped, no colour unless asked.
 *
 * @example
 * const report = await verifyPresentation(vp, { challenge, domain });
 * console.log(formatPresentationReport(report));
 * // ✔ Verified presentation of 2 credentials
 * //
 * //   Holder       did:key:z6Mk…
 * //   …
 */
export function formatPresentationReport(report: PresentationReport, options: FormatReportOptions = {}): string {
  const catalogue = options.catalogue ?? ENGLISH;
  const localized = catalogue === ENGLISH ? report : localizeReport(report, catalogue);
  const style: Style = { paint: painter(options), words: catalogue.words };
  const { paint, words } = style;
  const count = localized.credentials.length;
  const what = say(count === 1 ? words.headlines.presentationOfOne : words.headlines.presentationOfMany, { count });
  const failed = localized.checks.find((c) => c.outcome === 'failed');
  const unknown = localized.checks.find((c) => c.outcome === 'could-not-check' || c.outcome === 'skipped');
  const head = localized.verified
    ? paint(
        localized.summary === 'verified' ? 'good' : 'warn',
        `✔ ${say(localized.summary === 'verified' ? words.headlines.verifiedPresentation : words.headlines.verifiedPresentationWithWarnings, { what })}`,
      )
    : failed?.problem
      ? paint(
          'bad',
          `✖ ${say(words.headlines.invalidPresentation, { what, reason: sentenceCase(failed.problem.title) })}`,
        )
      : paint(
          'unknown',
          `? ${
            unknown?.problem
              ? say(words.headlines.couldNotCheckPresentationBecause, {
                  what,
                  reason: sentenceCase(unknown.problem.title),
                })
              : say(words.headlines.couldNotCheckPresentation, { what })
          }`,
        );
  const lines = [head, ''];
  const width = Math.max(12, words.labels.holder.length + 2, words.labels.checkedAt.length + 2);
  if (localized.holder)
    lines.push(`  ${paint('dim', words.labels.holder.padEnd(width))}${safe(localized.holder, 200)}`);
  lines.push(`  ${paint('dim', words.labels.checkedAt.padEnd(width))}${safe(localized.checkedAt)}`, '');
  for (const check of localized.checks) lines.push(...checkLines(check, style));
  localized.credentials.forEach((credential, i) => {
    lines.push('', `  ${paint('bold', say(words.labels.credentialOf, { index: i + 1, count }))}`);
    lines.push(
      ...formatLocalized(credential, style)
        .split('\n')
        .map((line) => (line ? `    ${line}` : line)),
    );
  });
  return lines.join('\n');
}

function headline(report: VerificationReport, { paint, words }: Style): string {
  const h = words.headlines;
  const firstWith = (outcome: CheckOutcome) => report.checks.find((c) => c.outcome === outcome && c.problem);
  if (report.verified) {
    return report.summary === 'verified-with-warnings'
      ? paint('warn', `✔ ${h.verifiedWithWarnings}`)
      : paint('good', `✔ ${h.verified}`);
  }
  if (report.authentic) {
    // Withdrawn by its issuer is what matters most, whatever else is also wrong (it may be expired too).
    const status = report.checks.find((c) => c.id === 'status');
    const withdrawn = [status?.problem, ...(status?.parts ?? []).map((p) => p.problem)].find(
      (p) => p?.code === ErrorCode.REVOKED || p?.code === ErrorCode.SUSPENDED,
    );
    if (withdrawn?.code === ErrorCode.REVOKED) return paint('bad', `✖ ${h.revoked}`);
    if (withdrawn) return paint('bad', `✖ ${h.suspended}`);
    // The proof holds, so say so first: "genuine but expired" is a different situation from a forgery.
    // Not verified is not a warning: a failed check is ✖, one that could not run is ?.
    const reason = firstWith('failed') ?? firstWith('could-not-check') ?? firstWith('warning');
    const [symbol, tone]: [string, Tone] = report.summary === 'could-not-check' ? ['?', 'unknown'] : ['✖', 'bad'];
    return paint(tone, `${symbol} ${say(h.genuineBut, { reason: genuineButWhat(reason, report.credential, h) })}`);
  }
  const failed = firstWith('failed');
  if (failed?.problem) return paint('bad', `✖ ${say(h.invalid, { reason: sentenceCase(failed.problem.title) })}`);
  const unknown = firstWith('could-not-check') ?? firstWith('skipped');
  const reason = unknown?.problem ? sentenceCase(unknown.problem.title) : h.notEveryCheckRan;
  return paint('unknown', `? ${say(h.couldNotCheck, { reason })}`);
}

function genuineButWhat(
  reason: CheckResult | undefined,
  credential: CredentialSummary | undefined,
  h: ReportWords['headlines'],
): string {
  const code = reason?.problem?.code;
  if (code === ErrorCode.EXPIRED)
    return credential?.validUntil ? say(h.expiredOn, { date: day(credential.validUntil) }) : h.expired;
  if (code === ErrorCode.NOT_YET_VALID)
    return credential?.validFrom ? say(h.notValidUntil, { date: day(credential.validFrom) }) : h.notYetValid;
  // The first schema finding's title ("A required property is missing") does not say what it is about.
  if (code === ErrorCode.SCHEMA_INVALID) return h.schemaMismatch;
  if (reason?.problem) return sentenceCase(reason.problem.title);
  return h.notVerified;
}

function checkLines(check: CheckResult<string>, style: Style): string[] {
  const { paint, words } = style;
  const label = words.outcomes[check.outcome];
  const head = `  ${paint(TONE[check.outcome], SYMBOL[check.outcome])} ${safe(check.title)}${label ? ` ${paint(TONE[check.outcome], `(${label})`)}` : ''}`;
  if (check.outcome === 'passed' || !check.problem) return [head, ...partLines(check, paint)];
  const { problem } = check;
  // A skipped check's title is always "Not checked" and its label says so already: one line is enough.
  if (check.outcome === 'skipped') return [head, `      ${paint('dim', `${safe(problem.detail)} (${problem.code})`)}`];
  const where = [
    `${words.labels.code} ${problem.code}`,
    ...(problem.path ? [`${words.labels.path} ${safe(problem.path)}`] : []),
  ].join(' · ');
  // Every finding after the first (e.g. one per JSON Schema finding), one line each.
  const more = (check.problems ?? []).filter(
    (p) => p !== problem && !(p.code === problem.code && p.path === problem.path && p.detail === problem.detail),
  );
  const others = more.map(
    (p) =>
      `      ${paint('dim', '·')} ${safe(p.detail)} ${paint('dim', `(${p.code}${p.path ? ` · ${safe(p.path)}` : ''})`)}`,
  );
  return [
    head,
    `      ${paint('bold', safe(problem.title))}`,
    `      ${safe(problem.detail)}`,
    `      ${paint('dim', where)}`,
    ...others,
    ...partLines(check, paint),
  ];
}

/** One line per part (each proof of several, each schema applied), with its problem's title when it did not pass. */
function partLines(check: CheckResult<string>, paint: (tone: Tone, text: string) => string): string[] {
  return (check.parts ?? []).map((part) => {
    const why = part.problem ? ` — ${safe(part.problem.title)} ${paint('dim', `(${part.problem.code})`)}` : '';
    return `      ${paint(TONE[part.outcome], SYMBOL[part.outcome])} ${safe(part.label, 160)}${why}`;
  });
}

/** Label/value rows describing the credential; only the fields it has. */
function describe(credential: CredentialSummary | undefined, words: ReportWords): [string, string][] {
  if (!credential) return [];
  const { labels } = words;
  const rows: [string, string | undefined][] = [
    [labels.credential, credential.name],
    [labels.issuer, person(credential.issuer?.name, credential.issuer?.id)],
    [labels.achievement, person(credential.achievement?.name, credential.achievement?.id)],
    [labels.recipient, credential.recipient],
    [labels.valid, validity(credential.validFrom, credential.validUntil, words)],
    [labels.credentialId, credential.id],
  ];
  return rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([label, value]) => [label, safe(value, 200)]);
}

/** For an Open Badges 2.0 assertion, a first row saying so, and how it is verified. */
function openBadges2(report: VerificationReport): [string, string][] {
  if (report.format !== 'open-badges-2.0') return [];
  const how = report.credential?.proof?.type;
  const kind = how === 'SignedBadge' ? ', signed' : how === 'HostedBadge' ? ', hosted by its issuer' : '';
  return [
    ['Format', `Open Badges 2.0 assertion${kind}${report.image ? `, baked in a ${report.image.toUpperCase()}` : ''}`],
  ];
}

/** The caller's own name for the issuer, when it is on their trust list. */
function known(report: VerificationReport, words: ReportWords): [string, string][] {
  const trusted = report.issuerTrust;
  return trusted
    ? [[words.labels.knownIssuer, safe(trusted.url ? `${trusted.name} (${trusted.url})` : trusted.name, 200)]]
    : [];
}

function person(name: string | undefined, id: string | undefined): string | undefined {
  if (name && id) return `${name} (${id})`;
  return name ?? id;
}

function validity(
  from: string | undefined,
  until: string | undefined,
  { validity: v }: ReportWords,
): string | undefined {
  if (from && until) return say(v.fromUntil, { from, until });
  if (from) return say(v.fromOnly, { from });
  return until ? say(v.untilOnly, { until }) : undefined;
}

/** The calendar date of an RFC 3339 date-time as written (its own timezone), else the value itself. */
function day(value: string): string {
  return safe(/^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] ?? value, 40);
}

function sentenceCase(title: string): string {
  const text = safe(title);
  // Keep acronyms and terms such as "JSON" or "@context" as they are.
  return /^[A-Z](?:[a-z]|\s)/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

// C0/C1 controls (ESC included) and line/paragraph separators, from untrusted credential text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function safe(value: string, max = Infinity): string {
  const escaped = String(value).replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}
