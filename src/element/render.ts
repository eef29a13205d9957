// The result as a person reads it: the verdict and why, what the credential says as signed (from
// the report's view of the signed graph, never from the JSON as written), then one line per check
// with its problem on demand. Plain DOM, built from text only.
import type {
  CheckPart,
  CheckResult,
  CredentialSummary,
  PresentationReport,
  Problem,
  VerificationReport,
} from '../index.js';
import { h } from './dom.js';
import { TEXT, type Verdict } from './text.js';
import { credentialHeadline, presentationHeadline, type Headline } from './verdict.js';

const VERDICT_SYMBOL: Record<Verdict, string> = {
  verified: '✔',
  'verified-with-warnings': '✔',
  revoked: '✖',
  suspended: '✖',
  expired: '✖',
  'not-yet-valid': '✖',
  invalid: '✖',
  'could-not-check': '?',
};

/** What is verified: a credential's sentences differ from a presentation's. */
type Kind = 'credential' | 'presentation';

/** A credential's report, as a section headed by its verdict. `lang` formats the dates. */
export function renderCredential(report: VerificationReport, lang: string | undefined, level = 2): HTMLElement {
  const headline = credentialHeadline(report);
  return h(
    'section',
    { class: 'result', 'data-verdict': headline.verdict, part: 'result' },
    ...verdictBlock(headline, verdictLine(headline, 'credential', lang), level),
    facts(report.credential, report, lang),
    checkList(report.checks, level + 1),
  );
}

/** A presentation's report: its verdict and holder, its own checks, then each credential inside. */
export function renderPresentation(report: PresentationReport, lang: string | undefined): HTMLElement {
  const headline = presentationHeadline(report);
  const count = report.credentials.length;
  const holder = report.holder ? [fact(TEXT.facts.holder, h('code', {}, report.holder))] : [];
  return h(
    'section',
    { class: 'result', 'data-verdict': headline.verdict, part: 'result' },
    ...verdictBlock(headline, verdictLine(headline, 'presentation', lang), 2, TEXT.presentationOf(count)),
    h('dl', { class: 'facts' }, ...holder, fact(TEXT.facts.checkedAt, when(report.checkedAt, lang))),
    checkList(report.checks, 3),
    ...report.credentials.map((credential, i) =>
      h(
        'article',
        { class: 'inner', 'aria-label': TEXT.credentialOf(i + 1, count) },
        h('p', { class: 'inner-label' }, TEXT.credentialOf(i + 1, count)),
        renderCredential(credential, lang, 3),
      ),
    ),
  );
}

/** The one sentence announced to screen readers when a result arrives: what, the verdict, and why. */
export function announcement(
  headline: Headline,
  kind: Kind,
  name: string | undefined,
  lang: string | undefined,
): string {
  const what = name ? `${name}: ` : '';
  return `${what}${TEXT.verdict[headline.verdict]}. ${reasonText(headline) ?? verdictLine(headline, kind, lang)}`;
}

function verdictLine(headline: Headline, kind: Kind, lang: string | undefined): string {
  if (kind === 'presentation') return TEXT.presentationLine[headline.verdict];
  return TEXT.verdictLine[headline.verdict](headline.date ? formatDate(headline.date, lang) : undefined);
}

function verdictBlock(headline: Headline, line: string, level: number, prefix?: string): HTMLElement[] {
  const heading = h(
    level === 2 ? 'h2' : 'h3',
    { class: 'verdict', tabindex: '-1' },
    h('span', { class: 'symbol', 'aria-hidden': 'true' }, VERDICT_SYMBOL[headline.verdict]),
    ' ',
    prefix ? `${prefix} — ${TEXT.verdict[headline.verdict]}` : TEXT.verdict[headline.verdict],
  );
  const reason = reasonText(headline);
  return [heading, h('p', { class: 'verdict-line' }, line), ...(reason ? [h('p', { class: 'reason' }, reason)] : [])];
}

// The problem behind a verdict whose sentence does not already say it (revoked, expired… do).
function reasonText(headline: Headline): string | undefined {
  const { reason, verdict } = headline;
  if (!reason || !['invalid', 'could-not-check', 'verified-with-warnings'].includes(verdict)) return undefined;
  return headline.authentic && verdict === 'invalid' ? TEXT.genuineBut(reason.title) : reason.title;
}

function facts(credential: CredentialSummary | undefined, report: VerificationReport, lang: string | undefined) {
  const rows: HTMLElement[] = [];
  if (credential?.name) rows.push(fact(TEXT.facts.credential, credential.name));
  const issuer = named(credential?.issuer?.name, credential?.issuer?.id);
  if (issuer) rows.push(fact(TEXT.facts.issuer, issuer));
  if (report.issuerTrust) {
    const { name, url } = report.issuerTrust;
    rows.push(fact(TEXT.facts.knownIssuer, url ? `${name} (${url})` : name));
  }
  const achievement = named(credential?.achievement?.name, credential?.achievement?.id);
  if (achievement) rows.push(fact(TEXT.facts.achievement, achievement));
  if (credential?.recipient) rows.push(fact(TEXT.facts.recipient, h('code', {}, credential.recipient)));
  if (credential?.validFrom) rows.push(fact(TEXT.facts.validFrom, when(credential.validFrom, lang)));
  if (credential?.validFrom || credential?.validUntil)
    rows.push(
      fact(TEXT.facts.validUntil, credential.validUntil ? when(credential.validUntil, lang) : TEXT.facts.noEndDate),
    );
  if (report.image) rows.push(fact(TEXT.facts.image, report.image.toUpperCase()));
  rows.push(fact(TEXT.facts.checkedAt, when(report.checkedAt, lang)));
  const list = h('dl', { class: report.authentic ? 'facts' : 'facts unconfirmed' }, ...rows);
  // A forgery's claims must not read as facts: say whose word they are not.
  return report.authentic || !credential ? list : h('div', {}, h('p', { class: 'caution' }, TEXT.unconfirmed), list);
}

function fact(label: string, value: Node | string): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value));
}

// The name as signed, with the identifier beside it in small type.
function named(name: string | undefined, id: string | undefined): HTMLElement | undefined {
  if (!name && !id) return undefined;
  return h('span', {}, name ?? '', name && id ? ' ' : '', id ? h('code', { class: 'id' }, id) : undefined);
}

// A date as signed (the machine value in `datetime` and the title), shown in the reader's language.
function when(value: string, lang: string | undefined): HTMLElement {
  return h('time', { datetime: value, title: value }, formatDate(value, lang));
}

/** An RFC 3339 date-time in the reader's language, in UTC (so every reader sees the same day); else as written. */
function formatDate(value: string, lang: string | undefined): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  try {
    return new Intl.DateTimeFormat(lang || undefined, { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' }).format(
      time,
    );
  } catch {
    return value; // an unknown language tag
  }
}

function checkList(checks: CheckResult<string>[], level: number): HTMLElement {
  return h(
    'div',
    { class: 'checks' },
    h(level <= 3 ? 'h3' : 'h4', {}, TEXT.checksHeading),
    h('ul', {}, ...checks.map(checkLine)),
  );
}

function checkLine(check: CheckResult<string>): HTMLElement {
  const line = h(
    'span',
    { class: 'line' },
    h('span', { class: 'symbol', 'aria-hidden': 'true' }, TEXT.symbol[check.outcome]),
    ' ',
    h('span', { class: 'title' }, check.title),
    ' ',
    h('span', { class: 'outcome' }, `(${TEXT.outcome[check.outcome]})`),
  );
  const more = [...(check.problems ?? []).filter((p) => p !== check.problem)];
  const parts = check.parts ?? [];
  if (!check.problem && parts.length === 0)
    return h('li', { 'data-outcome': check.outcome, 'data-check': check.id }, line);
  return h(
    'li',
    { 'data-outcome': check.outcome, 'data-check': check.id },
    line,
    h(
      'details',
      {},
      h('summary', {}, check.problem ? check.problem.title : TEXT.details),
      ...(check.problem ? problemBlock(check.problem) : []),
      ...more.flatMap((p) => [h('hr'), ...problemBlock(p)]),
      ...(parts.length ? [h('ul', { class: 'parts' }, ...parts.map(partLine))] : []),
    ),
  );
}

function problemBlock(problem: Problem): HTMLElement[] {
  return [
    h('p', { class: 'detail' }, problem.detail),
    h(
      'p',
      { class: 'where' },
      `${TEXT.code}: `,
      h('code', {}, problem.code),
      ...(problem.path ? [` · ${TEXT.path}: `, h('code', {}, problem.path)] : []),
    ),
  ];
}

function partLine(part: CheckPart): HTMLElement {
  return h(
    'li',
    { 'data-outcome': part.outcome },
    h('span', { class: 'symbol', 'aria-hidden': 'true' }, TEXT.symbol[part.outcome]),
    ' ',
    part.label,
    ` (${TEXT.outcome[part.outcome]})`,
    ...(part.problem ? [' — ', part.problem.title] : []),
  );
}
