// The verifier page (examples/verifier-web) in headless Chromium, driven as a person drives it: a
// file chosen with the picker, text pasted in the box. Each case asserts what the person sees (the
// verdict, the line of the check that failed, the issuer's name) and leaves a screenshot under
// test-artifacts/verifier-web/. The page is built with Vite and served on 127.0.0.1 with the issuer's
// status list beside it; config.json lets the page fetch from that origin and from nowhere else.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MemoryStatusStore,
  StatusRegistry,
  bakeCredential,
  generateKey,
  issueCredential,
  signPresentation,
  type Key,
  type SignedCredential,
} from '../../src/index.js';
import { clone, unsignedCredential } from '../helpers/credential.js';
import { badgePng, badgeSvg } from '../bake/helpers.js';
import { browserAvailable, CHROMIUM } from './harness.js';
import { buildPage, removeBuild, servePage, type PageSite } from './pageSite.js';

if (!browserAvailable)
  console.warn(
    `verifier page tests skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH, or install Debian's chromium)`,
  );

const SHOTS = fileURLToPath(new URL('../../test-artifacts/verifier-web/', import.meta.url));
const DAY = 24 * 60 * 60 * 1000;
// The page checks at the real clock: credentials are made around it, with margins well past the
// verifier's five minutes of clock skew.
const signedAt = new Date(Date.now() - 60_000);
const iso = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe.skipIf(!browserAvailable)('the verifier page in headless Chromium', () => {
  let dir: string;
  let site: PageSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let key: Key<'ed25519'>;
  let registry: StatusRegistry;
  let valid: SignedCredential;

  beforeAll(async () => {
    [dir, browser] = await Promise.all([
      buildPage(),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
      }),
    ]);
    site = await servePage(dir);
    // The site's own configuration: the page may fetch from its own origin (where the status lists are).
    site.serveJson('/config.json', { allowedOrigins: [site.origin], trustedIssuers: [] });
    key = await generateKey();
    registry = new StatusRegistry({ store: new MemoryStatusStore(), key, listBaseUrl: `${site.origin}/status` });
    for (const list of await registry.createLists()) site.serveJson(new URL(list.id).pathname, list);
    valid = await issue({});
    // Service workers stay out of these cases: every file and list comes from the server as it is now.
    context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 900, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    // Nothing but the page's own server: no CDN, no context fetched from the web.
    await context.route('**/*', (route) =>
      route.request().url().startsWith(`${site.origin}/`) ? route.continue() : route.abort(),
    );
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (dir) removeBuild(dir);
  });

  /** A credential signed now by the test issuer, with a status entry on its lists. */
  function issue(overrides: Record<string, unknown>): Promise<SignedCredential> {
    const draft = unsignedCredential(key, { validFrom: iso(Date.now() - 30 * DAY), ...overrides });
    return issueCredential(draft, { key, now: signedAt, status: registry });
  }

  async function open(): Promise<void> {
    await page.goto(`${site.origin}/`);
    await page.waitForSelector('microcred-verifier[data-ready]');
  }

  async function chooseFile(name: string, mimeType: string, buffer: Buffer): Promise<void> {
    await page.locator('microcred-verifier input[type=file]').setInputFiles({ name, mimeType, buffer });
  }

  async function paste(text: string): Promise<void> {
    await page.getByLabel('Or paste a credential (JSON or JWT text)').fill(text);
    await page.getByRole('button', { name: 'Verify pasted text' }).click();
  }

  /** What the person sees once the result is there: the verdict heading, the sentence under it, every line. */
  async function result(shot: string) {
    const verdict = page.locator('microcred-verifier [role=region] > .result > .verdict');
    await verdict.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${SHOTS}${shot}.png`, fullPage: true });
    const region = page.locator('microcred-verifier [role=region]');
    return {
      verdict: (await verdict.innerText()).trim(),
      text: await region.innerText(),
      announced: await page.locator('microcred-verifier [role=status]').innerText(),
      line: (check: string) =>
        page.locator(`microcred-verifier [role=region] > .result > .checks li[data-check=${check}]`).first(),
    };
  }

  it('a valid badge chosen with the file picker: "Verified", with the issuer, achievement, recipient and dates as signed', async () => {
    await open();
    // In-page code is given as text: the tests are compiled without the DOM's types.
    const summary = page.evaluate(
      `new Promise((resolve) => document.addEventListener('microcred-verified', (e) => resolve(e.detail.report.summary)))`,
    );
    await chooseFile('badge.json', 'application/json', Buffer.from(JSON.stringify(valid)));
    const seen = await result('valid');
    expect(seen.verdict).toBe('✔ Verified');
    expect(seen.text).not.toContain('not confirmed');
    expect(seen.text).toContain('Example District PD');
    expect(seen.text).toContain(key.controller);
    expect(seen.text).toContain('Formative Assessment');
    expect(seen.text).toContain('did:example:teacher-42');
    expect(await seen.line('signature').innerText()).toContain('(passed)');
    // The status list was fetched from the allowed origin, and said "not revoked".
    expect(await seen.line('status').innerText()).toContain('(passed)');
    expect(seen.announced).toMatch(/^Formative Assessment Practice: Verified\./);
    expect(await summary).toBe('verified');
  });

  it('a tampered badge pasted as text: "Invalid", the signature line failed, its problem on demand', async () => {
    await open();
    const tampered = clone(valid) as unknown as { credentialSubject: { achievement: { name: string } } };
    tampered.credentialSubject.achievement.name = 'Something Else Entirely';
    await paste(JSON.stringify(tampered));
    const seen = await result('tampered');
    expect(seen.verdict).toBe('✖ Invalid');
    // The forged name is shown only under a warning that nobody vouches for it.
    expect(seen.text).toMatch(/What it claims — not confirmed[^]*Something Else Entirely/);
    const signature = seen.line('signature');
    expect(await signature.innerText()).toMatch(/The signature .*\(failed\)/);
    // The detail is behind a <details> a person opens.
    const detail = signature.locator('details .detail');
    expect(await detail.isVisible()).toBe(false);
    await signature.locator('summary').click();
    expect(await detail.isVisible()).toBe(true);
    expect(await signature.locator('details code').first().innerText()).toBe('ERR_SIGNATURE_INVALID');
  });

  it('an expired badge: genuine, but not verified, the validity line saying it expired', async () => {
    await open();
    const expired = await issue({ validFrom: iso(Date.now() - 400 * DAY), validUntil: iso(Date.now() - 2 * DAY) });
    await chooseFile('expired.json', 'application/json', Buffer.from(JSON.stringify(expired)));
    const seen = await result('expired');
    expect(seen.verdict).toBe('✖ Expired');
    expect(seen.text).toMatch(/The credential is genuine, but it expired on \w+ \d+, \d{4}/);
    expect(await seen.line('signature').innerText()).toContain('(passed)');
    expect(await seen.line('validity').innerText()).toContain('(failed)');
  });

  it('a revoked badge: "Revoked", read from the status list the page fetched from the allowed origin', async () => {
    const revoked = await issue({});
    const { listCredential } = await registry.revoke(revoked.id);
    site.serveJson(new URL(listCredential.id).pathname, listCredential);
    await open();
    const fetchedBefore = site.requests.filter((p) => p.startsWith('/status/')).length;
    await chooseFile('revoked.json', 'application/json', Buffer.from(JSON.stringify(revoked)));
    const seen = await result('revoked');
    expect(seen.verdict).toBe('✖ Revoked');
    expect(seen.text).toContain('The credential is genuine, but its issuer revoked it.');
    expect(await seen.line('status').innerText()).toContain('(failed)');
    expect(site.requests.filter((p) => p.startsWith('/status/')).length).toBeGreaterThan(fetchedBefore);
  });

  it('a badge whose status list is on an origin the site did not allow: "Could not check", the address named', async () => {
    const elsewhere = new StatusRegistry({
      store: new MemoryStatusStore(),
      key,
      listBaseUrl: 'https://status.elsewhere.example/lists',
    });
    await elsewhere.createLists();
    const draft = unsignedCredential(key, { validFrom: iso(Date.now() - DAY) });
    const unchecked = await issueCredential(draft, { key, now: signedAt, status: elsewhere });
    await open();
    await chooseFile('unchecked.json', 'application/json', Buffer.from(JSON.stringify(unchecked)));
    const seen = await result('could-not-check');
    expect(seen.verdict).toBe('? Could not check');
    const status = seen.line('status');
    expect(await status.innerText()).toContain('(could not check)');
    await status.locator('summary').click();
    expect(await status.locator('details').innerText()).toContain('https://status.elsewhere.example/lists');
  });

  it('a baked PNG chosen with the picker: the credential is taken out of the image and verified', async () => {
    await open();
    const png = bakeCredential(badgePng(), valid);
    await chooseFile('badge.png', 'image/png', Buffer.from(png));
    const seen = await result('baked-png');
    expect(seen.verdict).toBe('✔ Verified');
    expect(seen.text).toContain('Example District PD');
    expect(seen.text).toMatch(/Baked in\s+PNG/);
    expect(await seen.line('extract').innerText()).toContain('(passed)');
  });

  it('a baked SVG dropped on the drop zone, dates shown in the language of the element (lang="fr")', async () => {
    await open();
    const svg = bakeCredential(badgeSvg(), valid);
    // A person's drop, as the browser delivers it: a drop event whose DataTransfer holds the file.
    await page.evaluate(`(() => {
      const element = document.querySelector('microcred-verifier');
      element.setAttribute('lang', 'fr');
      const transfer = new DataTransfer();
      transfer.items.add(new File([${JSON.stringify(svg)}], 'badge.svg', { type: 'image/svg+xml' }));
      const zone = element.shadowRoot.querySelector('[part=drop-zone]');
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    })()`);
    const seen = await result('baked-svg-dropped');
    expect(seen.verdict).toBe('✔ Verified');
    expect(seen.text).toMatch(/Baked in\s+SVG/);
    const month = new Intl.DateTimeFormat('fr', { month: 'long', timeZone: 'UTC' }).format(
      Date.parse(valid.validFrom as string),
    );
    expect(seen.text).toContain(month);
    // The checks read in French: the element loaded microcred's French catalogue for lang="fr".
    expect(await seen.line('extract').innerText()).toContain("Une attestation a été extraite de l'image");
    expect(await seen.line('signature').innerText()).toContain('La signature est valide');
  });

  it('a presentation pasted as text: the holder and each credential inside with its own verdict', async () => {
    await open();
    const holder = await generateKey();
    const own = await issue({
      credentialSubject: { ...unsignedCredential(key).credentialSubject, id: holder.controller },
    });
    // The wallet answered another site's request; this page asked for no challenge of its own.
    const vp = await signPresentation(
      { verifiableCredential: [own] },
      { key: holder, challenge: 'a-nonce-of-another-request', now: signedAt },
    );
    await paste(JSON.stringify(vp));
    const seen = await result('presentation');
    // A public page has no challenge to give, so freshness is not checked: said as a warning.
    expect(seen.verdict).toBe('✔ Presentation of 1 credential — Verified, with warnings');
    expect(seen.text).toContain(holder.controller);
    const inner = page.locator('microcred-verifier .inner .result > .verdict');
    expect(await inner.innerText()).toBe('✔ Verified');
    expect(await page.locator('microcred-verifier .inner').innerText()).toContain('Example District PD');

    // A site that asked this wallet for that challenge says so on the element: now it must match, and does.
    await page.evaluate(
      `document.querySelector('microcred-verifier').setAttribute('challenge', 'a-nonce-of-another-request')`,
    );
    await page.getByRole('button', { name: 'Verify pasted text' }).click();
    await page.locator('microcred-verifier [role=region][aria-busy]').waitFor({ state: 'detached' });
    const answered = await result('presentation-challenge');
    expect(answered.verdict).toBe('✔ Presentation of 1 credential — Verified');
    expect(await answered.line('challenge').innerText()).toContain('(passed)');
    // And one answering another challenge than the site's is refused as a possible replay.
    await page.evaluate(
      `document.querySelector('microcred-verifier').setAttribute('challenge', 'this-sites-own-nonce')`,
    );
    await page.getByRole('button', { name: 'Verify pasted text' }).click();
    await page.locator('microcred-verifier [role=region][aria-busy]').waitFor({ state: 'detached' });
    const replayed = await result('presentation-replayed');
    expect(replayed.verdict).toBe('✖ Presentation of 1 credential — Invalid');
    expect(await replayed.line('challenge').innerText()).toContain('(failed)');
  });

  it('keyboard only: Tab to the paste box, paste a VC-JWT, Ctrl+Enter; the result is announced', async () => {
    await open();
    const jwt = await issueCredential(unsignedCredential(key, { validFrom: iso(Date.now() - DAY) }), {
      key,
      now: signedAt,
      format: 'jwt',
    });
    // What has the keyboard focus, looking into the element's shadow root: `input[file]`, `textarea`…
    const focused = () =>
      page.evaluate(`(() => {
        const active = document.activeElement;
        const inner = active?.shadowRoot?.activeElement;
        if (!inner) return active?.tagName.toLowerCase();
        const type = inner.getAttribute('type');
        return inner.tagName.toLowerCase() + (type ? '[' + type + ']' : '');
      })()`);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('input[file]');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('textarea');
    await page.keyboard.insertText(jwt);
    await page.keyboard.press('Control+Enter');
    const seen = await result('keyboard-jwt');
    expect(seen.verdict).toBe('✔ Verified');
    expect(await seen.line('claims').innerText()).toContain('(passed)');
    // The live region says what a sighted person sees first.
    expect(await page.locator('microcred-verifier [role=status]').getAttribute('aria-live')).toBe('polite');
    expect(seen.announced).toMatch(/Verified\. The credential is genuine/);
  });

  it('?vc=URL on an allowed origin: the page fetches the credential and verifies it', async () => {
    site.serveJson('/badges/valid.json', valid);
    await page.goto(`${site.origin}/?vc=${encodeURIComponent(`${site.origin}/badges/valid.json`)}`);
    const seen = await result('vc-url');
    expect(seen.verdict).toBe('✔ Verified');
    expect(seen.text).toContain('Example District PD');
    expect(site.requests).toContain('/badges/valid.json');
  });

  it('?vc=URL on an origin the site did not allow: nothing is fetched, and the page says why', async () => {
    const elsewhere = 'http://127.0.0.2:9/badge.json';
    const asked: string[] = [];
    const listen = (request: { url(): string }) => asked.push(request.url());
    page.on('request', listen);
    await page.goto(`${site.origin}/?vc=${encodeURIComponent(elsewhere)}`);
    const status = page.locator('microcred-verifier [role=status]');
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/could not be fetched/);
    page.off('request', listen);
    await page.screenshot({ path: `${SHOTS}vc-url-refused.png`, fullPage: true });
    expect(await status.innerText()).toContain(`may not fetch from http://127.0.0.2:9`);
    expect(asked.filter((url) => url.startsWith('http://127.0.0.2'))).toEqual([]);
  });

  it('on a phone-sized screen nothing is wider than the screen', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await open();
      await chooseFile('badge.json', 'application/json', Buffer.from(JSON.stringify(valid)));
      const seen = await result('phone');
      expect(seen.verdict).toBe('✔ Verified');
      const [scrollWidth, innerWidth] = (await page.evaluate(
        '[document.documentElement.scrollWidth, window.innerWidth]',
      )) as [number, number];
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    } finally {
      await page.setViewportSize({ width: 900, height: 900 });
    }
  });

  it('works offline once loaded: the service worker serves the page, and a badge still verifies', async () => {
    const offline = await browser.newContext({ serviceWorkers: 'allow' });
    try {
      const tab = await offline.newPage();
      await tab.goto(`${site.origin}/`);
      await tab.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
      // Loaded once more under the worker, which keeps each file it serves.
      await tab.reload();
      await tab.waitForSelector('microcred-verifier[data-ready]');
      // The worker stores each copy as it answers: wait until the page, its script and config.json are kept.
      const kept = () =>
        tab.evaluate(
          `caches.open('microcred-verifier-v1').then((c) => c.keys()).then((keys) => keys.map((r) => r.url))`,
        );
      await expect
        .poll(async () => ((await kept()) as string[]).map((url) => new URL(url).pathname), { timeout: 20_000 })
        .toEqual(expect.arrayContaining(['/', '/config.json', expect.stringMatching(/^\/assets\/.*\.js$/)]));
      await offline.setOffline(true);
      await tab.reload();
      await tab.waitForSelector('microcred-verifier[data-ready]');
      // No status list: with the network gone, a status check could only say "could not check".
      const plain = await issueCredential(unsignedCredential(key, { validFrom: iso(Date.now() - DAY) }), {
        key,
        now: signedAt,
      });
      await tab.getByLabel('Or paste a credential (JSON or JWT text)').fill(JSON.stringify(plain));
      await tab.getByRole('button', { name: 'Verify pasted text' }).click();
      const verdict = tab.locator('microcred-verifier [role=region] > .result > .verdict');
      await verdict.waitFor({ timeout: 20_000 });
      await tab.screenshot({ path: `${SHOTS}offline.png`, fullPage: true });
      expect((await verdict.innerText()).trim()).toBe('✔ Verified');
    } finally {
      await offline.close();
    }
  });

  it('printed no error and fetched nothing but its own origin', () => {
    expect(pageErrors).toEqual([]);
  });
});
