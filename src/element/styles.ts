/**
 * The element's stylesheet, scoped by its shadow root. Colours come from custom properties a host
 * page may set (`--microcred-good`, `--microcred-bad`, `--microcred-warn`, `--microcred-unknown`,
 * `--microcred-accent`); no fixed widths, so it reflows on a phone; every state is also said in words.
 */
export const STYLES = `
:host {
  display: block;
  font: inherit;
  color: inherit;
  --good: var(--microcred-good, #1a7f37);
  --bad: var(--microcred-bad, #b42318);
  --warn: var(--microcred-warn, #9a6700);
  --unknown: var(--microcred-unknown, #6e40c9);
  --accent: var(--microcred-accent, #0b5cad);
  --line: color-mix(in srgb, currentColor 25%, transparent);
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.drop {
  border: 2px dashed var(--line);
  border-radius: 0.75rem;
  padding: 1.25rem;
  text-align: center;
  overflow-wrap: anywhere;
}
.drop.over { border-color: var(--accent); background: color-mix(in srgb, var(--accent) 8%, transparent); }
.drop p { margin: 0 0 0.5rem; }
.hint { font-size: 0.9em; opacity: 0.8; }
.pick { display: inline-block; }
.pick input {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
.button, button {
  font: inherit; cursor: pointer; border-radius: 0.5rem; padding: 0.5rem 1rem;
  border: 1px solid var(--accent); background: var(--accent); color: #fff;
}
.pick:focus-within .button, button:focus-visible, textarea:focus-visible, .verdict:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px;
}
.paste { margin-top: 1rem; display: grid; gap: 0.5rem; }
textarea {
  width: 100%; min-height: 6rem; font: 0.9em ui-monospace, monospace; padding: 0.5rem;
  border: 1px solid var(--line); border-radius: 0.5rem; background: transparent; color: inherit;
}
.paste button { justify-self: start; }
.status { min-height: 1.5em; margin: 1rem 0 0; }
.result { margin-top: 1rem; overflow-wrap: anywhere; }
.verdict { margin: 0 0 0.25rem; font-size: 1.5em; }
.result[data-verdict='verified'] > .verdict { color: var(--good); }
.result[data-verdict='verified-with-warnings'] > .verdict { color: var(--warn); }
.result[data-verdict='invalid'] > .verdict,
.result[data-verdict='revoked'] > .verdict,
.result[data-verdict='suspended'] > .verdict { color: var(--bad); }
.result[data-verdict='could-not-check'] > .verdict { color: var(--unknown); }
.verdict-line, .reason { margin: 0 0 0.5rem; }
.reason { font-weight: 600; }
.facts { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: 0.25rem 1rem; margin: 1rem 0; }
.fact { display: contents; }
.caution { margin: 1rem 0 0; font-style: italic; }
.facts.unconfirmed { margin-top: 0.25rem; padding-left: 0.75rem; border-left: 3px solid var(--bad); }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
code { font-family: ui-monospace, monospace; font-size: 0.85em; }
.id { opacity: 0.75; }
.checks h3, .checks h4 { font-size: 1em; margin: 1rem 0 0.5rem; }
.checks ul { list-style: none; padding: 0; margin: 0; }
.checks li { padding: 0.25rem 0; border-top: 1px solid var(--line); }
.checks .parts li { border: 0; padding: 0.125rem 0 0.125rem 1rem; }
li[data-outcome='passed'] > .line .symbol, li[data-outcome='passed'] > .symbol { color: var(--good); }
li[data-outcome='failed'] > .line .symbol, li[data-outcome='failed'] > .symbol { color: var(--bad); }
li[data-outcome='warning'] > .line .symbol, li[data-outcome='warning'] > .symbol { color: var(--warn); }
li[data-outcome='could-not-check'] > .line .symbol { color: var(--unknown); }
.outcome { font-size: 0.9em; opacity: 0.8; }
details { margin: 0.25rem 0 0 1.5rem; }
summary { cursor: pointer; }
.detail, .where { margin: 0.25rem 0; }
.inner { margin-top: 1.5rem; padding-left: 1rem; border-left: 3px solid var(--line); }
.inner-label { margin: 0; font-weight: 600; }
@media (max-width: 30rem) {
  .facts { grid-template-columns: 1fr; }
  .facts dd { margin-bottom: 0.5rem; }
}
`;
