// Where each version of Open Badges puts a baked credential (OB 3.0 §5.3 "Baked Badge"; OB 2.0 Baking).

/** The PNG iTXt keyword of an Open Badges 3.0 credential. */
export const PNG_KEYWORD = 'openbadgecredential';
/** The PNG text-chunk keyword of an Open Badges 2.0 (and 1.x) assertion. */
export const PNG_KEYWORD_OB2 = 'openbadges';

/** The XML namespace of the `<openbadges:credential>` element (OB 3.0). */
export const SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
/** The XML namespace of the `<openbadges:assertion>` element (OB 2.0). */
export const SVG_NAMESPACE_OB2 = 'http://openbadges.org';
/** The prefix the spec binds on the root `<svg>`. */
export const SVG_PREFIX = 'openbadges';

/**
 * Largest image read or baked by default, in bytes. Badge images are small (tens of kilobytes);
 * the bound keeps a wrong or hostile input from costing more than a pass over 10 MiB.
 */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
