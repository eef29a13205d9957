import type { Catalogue } from './catalogue.js';
import { ENGLISH } from './english.js';

/**
 * The catalogue microcred ships for the language tag `lang` ("fr", "fr-CA" reads as "fr"), or
 * undefined when it has none. Every catalogue but English is loaded on first use, so a page that
 * shows English never downloads the others.
 *
 * @example
 * const catalogue = (await loadCatalogue(navigator.language)) ?? ENGLISH;
 * const shown = localizeReport(report, catalogue);
 */
export async function loadCatalogue(lang: string): Promise<Catalogue | undefined> {
  const primary = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary === 'en') return ENGLISH;
  const { CATALOGUES } = await import('./catalogues.js');
  return Object.hasOwn(CATALOGUES, primary) ? CATALOGUES[primary] : undefined;
}
