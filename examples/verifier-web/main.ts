/// <reference types="vite/client" />
// The verifier page: the <microcred-verifier> element, configured from config.json beside the page
// (origins it may fetch from, issuers the site knows), and `?vc=URL` handed to it.
import { defineVerifierElement, type MicrocredVerifier } from 'microcred/element';

/** What a site sets in config.json (served beside index.html, read at every load). */
interface PageConfig {
  /** Origins the page may fetch from: issuers' did:web hosts, status list hosts, hosts of `?vc=` URLs. */
  allowedOrigins?: string[];
  /** Issuers the site knows (a trust list: `[{ id, name, url?, logo? }]`). */
  trustedIssuers?: unknown;
}

async function readConfig(): Promise<PageConfig> {
  try {
    const response = await fetch(new URL('./config.json', document.baseURI), { cache: 'no-cache' });
    return response.ok ? ((await response.json()) as PageConfig) : {};
  } catch {
    return {}; // offline and never cached: the page still verifies what needs no network
  }
}

async function start(): Promise<void> {
  defineVerifierElement();
  const verifier = document.querySelector('microcred-verifier') as MicrocredVerifier;
  const config = await readConfig();
  verifier.allowedOrigins = config.allowedOrigins ?? [];
  if (Array.isArray(config.trustedIssuers) && config.trustedIssuers.length > 0) verifier.trust = config.trustedIssuers;
  verifier.setAttribute('data-ready', '');

  const wanted = new URLSearchParams(location.search).get('vc');
  if (wanted) void verifier.verifyUrl(wanted);

  if ('serviceWorker' in navigator && import.meta.env.MODE === 'production') {
    // Keeps the page's own files, so that it opens and verifies offline once it has been loaded.
    navigator.serviceWorker.register(new URL('./sw.js', document.baseURI)).catch(() => undefined);
  }
}

void start();
