import type { Catalogue } from './catalogue.js';
import { ENGLISH } from './english.js';
import { FRENCH } from './french.js';

/**
 * The catalogues microcred ships, by language tag: a site or the command line picks one by the
 * reader's language (`CATALOGUES[lang] ?? ENGLISH`).
 */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en: ENGLISH, fr: FRENCH };
