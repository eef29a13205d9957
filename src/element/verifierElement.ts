// <microcred-verifier>: a drop zone, a file picker and a paste box that verify a badge in the
// visitor's browser and show the result check by check. Nothing leaves the page: the network is used
// only for origins the host lists (`allow-origins`), for a did:web issuer or a status list there.
import {
  DocumentLoader,
  createPolicyFetch,
  loadCatalogue,
  localizeReport,
  parseTrustList,
  type NetworkPolicy,
  type TrustedIssuer,
  type VerifyPresentationOptions,
} from '../index.js';
import { h } from './dom.js';
import { fetchWithin, parseOrigins, policyFor } from './origins.js';
import { announcement, renderCredential, renderPresentation } from './render.js';
import { STYLES } from './styles.js';
import { TEXT } from './text.js';
import { credentialHeadline, presentationHeadline } from './verdict.js';
import { verifyAny, type VerifiedInput } from './verifyAny.js';

/** The detail of the `microcred-verified` event: what was verified and its report. */
export type VerifiedDetail = VerifiedInput;

// Lets this module load where there is no DOM (a server importing the package's entry points).
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/**
 * The verifier as a custom element. Register it with {@link defineVerifierElement}.
 *
 * Attributes: `allow-origins` (space-separated origins the verifier may fetch from: a did:web
 * issuer's host, a status list's host; none by default), `src` (a credential's URL, fetched when set,
 * under the same origins), `lang` (the language dates are shown in), `challenge` and `domain` (what
 * a presentation must answer, when the site asked a wallet for one). Properties: `trust` (issuers the
 * site knows, a trust list as {@link parseTrustList} reads it), `network` (the {@link NetworkPolicy}
 * for allowed origins), `report` (the last result). Event: `microcred-verified` (bubbles, composed),
 * its `detail` a {@link VerifiedDetail}.
 *
 * @example
 * import { defineVerifierElement } from 'microcred/element';
 * defineVerifierElement();
 * // <microcred-verifier allow-origins="https://pd.example.org"></microcred-verifier>
 * document.querySelector('microcred-verifier').addEventListener('microcred-verified', (e) => log(e.detail.report));
 */
export class MicrocredVerifier extends Base {
  static get observedAttributes(): string[] {
    return ['allow-origins', 'src', 'lang', 'challenge', 'domain'];
  }

  #trust: TrustedIssuer[] | undefined;
  #network: NetworkPolicy = {};
  #loader: DocumentLoader | undefined;
  #fetched: string | undefined;
  #last: VerifiedInput | undefined;
  #run = 0;
  #shadow: ShadowRoot | undefined;
  #status!: HTMLElement;
  #result!: HTMLElement;
  #paste!: HTMLTextAreaElement;

  /** The origins the verifier may fetch from (the `allow-origins` attribute, normalised). */
  get allowedOrigins(): string[] {
    return parseOrigins(this.getAttribute('allow-origins'));
  }

  set allowedOrigins(origins: readonly string[]) {
    this.setAttribute('allow-origins', parseOrigins(origins).join(' '));
  }

  /** Issuers the site knows: shown by the site's own name for them; an unknown issuer is a warning. */
  get trust(): TrustedIssuer[] | undefined {
    return this.#trust;
  }

  set trust(list: unknown) {
    this.#trust = list === undefined || list === null ? undefined : parseTrustList(list);
  }

  /** The network policy for the allowed origins (timeouts, size caps); plain http and private hosts follow the origins listed. */
  get network(): NetworkPolicy {
    return this.#network;
  }

  set network(policy: NetworkPolicy) {
    const copy = { ...(policy ?? {}) };
    // A wrong value is the host's mistake, said here (ERR_FIELD_INVALID at network.<name>), not at each verification.
    createPolicyFetch(() => Promise.reject(new Error('not used')), copy);
    this.#network = copy;
    this.#loader = undefined;
  }

  /** The URL of a credential to fetch and verify (the `src` attribute). */
  get src(): string {
    return this.getAttribute('src') ?? '';
  }

  set src(url: string) {
    this.setAttribute('src', url);
  }

  /** The last result, or undefined before the first. */
  get report(): VerifiedInput | undefined {
    return this.#last;
  }

  connectedCallback(): void {
    if (!this.#shadow) this.#build();
    // Moved elsewhere in the page: the credential already fetched is not fetched again.
    if (this.src && this.src !== this.#fetched) void this.verifyUrl(this.src);
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    if (before === after) return;
    if (name === 'allow-origins') this.#loader = undefined;
    if (name === 'src' && after && this.isConnected && this.#shadow) void this.verifyUrl(after);
    if (name === 'lang' && this.#last) void this.#show(this.#last);
  }

  /**
   * Verifies `input` (a credential object, JSON or JWT text, image bytes, a File or Blob, or a
   * presentation), shows the result and dispatches `microcred-verified`. Never throws.
   */
  async verify(input: unknown): Promise<VerifiedInput> {
    if (!this.#shadow) this.#build();
    const run = ++this.#run;
    this.#busy(TEXT.verifying);
    let given = input;
    if (typeof Blob !== 'undefined' && input instanceof Blob) {
      // A Blob that cannot be read is verified as what it is: no credential (the report says so).
      given = await input.arrayBuffer().then(
        (buffer) => new Uint8Array(buffer),
        () => input,
      );
    }
    const result = await verifyAny(given, this.#options());
    // A later input replaced this one while it was verified: show only the latest.
    if (run === this.#run) {
      this.#last = result;
      await this.#show(result);
      this.dispatchEvent(
        new CustomEvent<VerifiedDetail>('microcred-verified', { detail: result, bubbles: true, composed: true }),
      );
    }
    return result;
  }

  /** Fetches the credential at `url` (only from an allowed origin, under the network policy) and verifies it. */
  async verifyUrl(url: string): Promise<VerifiedInput | undefined> {
    if (!this.#shadow) this.#build();
    this.#fetched = url;
    const allowed = this.allowedOrigins;
    let document: unknown;
    try {
      const get = createPolicyFetch(
        fetchWithin(globalThis.fetch.bind(globalThis), allowed),
        policyFor(allowed, this.#network),
      );
      document = await get(new URL(url, globalThis.location?.href).href);
    } catch (error) {
      this.#fail(TEXT.fetchFailed(url, error instanceof Error ? error.message : String(error)));
      return undefined;
    }
    return this.verify(document);
  }

  #options(): VerifyPresentationOptions {
    const allowed = this.allowedOrigins;
    const challenge = this.getAttribute('challenge');
    const domain = this.getAttribute('domain');
    if (!this.#loader) {
      // One loader per configuration: what it fetched (a DID document, a status list) is reused.
      this.#loader = new DocumentLoader(
        allowed.length
          ? {
              fetch: fetchWithin(globalThis.fetch.bind(globalThis), allowed),
              network: policyFor(allowed, this.#network),
            }
          : {},
      );
    }
    return {
      loader: this.#loader,
      ...(this.#trust ? { trust: this.#trust } : {}),
      ...(challenge ? { challenge } : {}),
      ...(domain ? { domain } : {}),
    };
  }

  #build(): void {
    const shadow = this.attachShadow({ mode: 'open' });
    this.#shadow = shadow;
    const file = h('input', {
      type: 'file',
      accept: '.json,.jwt,.txt,.png,.svg,application/json,image/png,image/svg+xml,text/plain',
      'aria-describedby': 'hint',
    });
    const drop = h(
      'div',
      { class: 'drop', part: 'drop-zone' },
      h('p', { id: 'drop-label' }, TEXT.dropLabel),
      h('p', { class: 'hint', id: 'hint' }, TEXT.dropHint),
      h('label', { class: 'pick' }, file, h('span', { class: 'button' }, TEXT.chooseFile)),
    );
    this.#paste = h('textarea', { id: 'paste', spellcheck: 'false', autocomplete: 'off' });
    const button = h('button', { type: 'button' }, TEXT.pasteButton);
    this.#status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.#result = h('div', { 'aria-label': TEXT.resultLabel, role: 'region' });
    shadow.append(
      h('style', {}, STYLES),
      drop,
      h('div', { class: 'paste' }, h('label', { for: 'paste' }, TEXT.pasteLabel), this.#paste, button),
      this.#status,
      this.#result,
    );

    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (chosen) void this.#verifyFile(chosen);
      file.value = '';
    });
    button.addEventListener('click', () => this.#verifyPaste());
    this.#paste.addEventListener('keydown', (event) => {
      // Ctrl/Cmd+Enter verifies from the keyboard without leaving the box.
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) this.#verifyPaste();
    });
    drop.addEventListener('dragover', (event) => {
      event.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (event) => {
      event.preventDefault();
      drop.classList.remove('over');
      const dropped = event.dataTransfer?.files?.[0];
      const text = event.dataTransfer?.getData('text/plain');
      if (dropped) void this.#verifyFile(dropped);
      else if (text) void this.verify(text);
    });
  }

  #verifyPaste(): void {
    const text = this.#paste.value.trim();
    if (!text) this.#fail(TEXT.emptyPaste);
    else void this.verify(text);
  }

  async #verifyFile(file: File): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      this.#fail(TEXT.unreadableFile(file.name, error instanceof Error ? error.message : String(error)));
      return;
    }
    await this.verify(bytes);
  }

  #busy(text: string): void {
    this.#status.textContent = text;
    this.#result.setAttribute('aria-busy', 'true');
  }

  #fail(text: string): void {
    this.#run++;
    this.#status.textContent = text;
    this.#result.removeAttribute('aria-busy');
    this.#result.replaceChildren();
  }

  async #show(given: VerifiedInput): Promise<void> {
    const lang = this.lang || globalThis.document?.documentElement.lang || undefined;
    // The report's titles and standard details in the page's language when microcred has a catalogue
    // for it (loaded on first use); codes, paths and outcomes stay as they are. The event keeps the original.
    // A catalogue that cannot be loaded (offline, a missing chunk) leaves the report in English: showing it never fails.
    const catalogue = lang ? await loadCatalogue(lang).catch(() => undefined) : undefined;
    const result: VerifiedInput = !catalogue
      ? given
      : given.kind === 'credential'
        ? { kind: 'credential', report: localizeReport(given.report, catalogue) }
        : { kind: 'presentation', report: localizeReport(given.report, catalogue) };
    const section =
      result.kind === 'credential' ? renderCredential(result.report, lang) : renderPresentation(result.report, lang);
    const headline =
      result.kind === 'credential' ? credentialHeadline(result.report) : presentationHeadline(result.report);
    const name =
      result.kind === 'credential'
        ? result.report.credential?.name
        : TEXT.presentationOf(result.report.credentials.length);
    this.#result.replaceChildren(section);
    this.#result.removeAttribute('aria-busy');
    this.#status.textContent = announcement(headline, result.kind, name, lang);
  }
}

/**
 * Registers {@link MicrocredVerifier} as `<microcred-verifier>` (or `tagName`); calling it again is harmless.
 *
 * @example
 * defineVerifierElement();
 * document.body.append(document.createElement('microcred-verifier'));
 */
export function defineVerifierElement(tagName = 'microcred-verifier'): typeof MicrocredVerifier {
  const registered = customElements.get(tagName);
  if (registered) return registered as typeof MicrocredVerifier;
  customElements.define(tagName, MicrocredVerifier);
  return MicrocredVerifier;
}
