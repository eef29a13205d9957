// Baking into and extracting from SVG (OB 3.0 §5.3.2): the root <svg> binds the prefix
// "openbadges" to https://purl.imsglobal.org/ob/v3p0, and its first child is
// <openbadges:credential>, holding a VC-JWT in its `verify` attribute or JSON in a CDATA section.
import { ErrorCode, MicrocredError } from '../../errors.js';
import { SVG_NAMESPACE, SVG_NAMESPACE_OB2, SVG_PREFIX } from '../constants.js';
import { FoundBadges, theOneCredential } from '../theOne.js';
import { decodeEntities, escapeAttribute } from './entities.js';
import { lineCounter, scanXml, type Attribute, type StartTag, type Token } from './scanner.js';

/** An open element and the namespaces it declares: by prefix, and `''` for the default namespace. */
interface Scope {
  tag: StartTag;
  namespaces?: Map<string, string>;
}

/** A baked element: its start tag, the tokens inside it, and its whole extent. */
interface Element {
  tag: StartTag;
  inner: Token[];
  start: number;
  end: number;
}

// Extraction needs only to know whether there is more than one; it keeps a few for its message.
const EXTRACT_KEEPS = 10;
// Deeper than any drawing nests; the bound keeps a crafted file from costing a frame per byte.
const MAX_DEPTH = 256;

/**
 * The credential text baked into an SVG, and its Open Badges version. An Open Badges 2.0 assertion
 * (`<openbadges:assertion>`: its JSON content, else its `verify` attribute, a JWS or the hosted
 * assertion's URL, which is not followed here) only with `openBadges2`. Throws a
 * {@link MicrocredError} (`ERR_IMAGE_*`) otherwise.
 */
export function extractSvgText(text: string, openBadges2 = false): { text: string; version: 2 | 3 } {
  const { found } = readSvg(text, new FoundBadges<Element>(EXTRACT_KEEPS));
  const { item: element, where, version } = theOneCredential('svg', found, openBadges2);
  const at = `in the <${element.tag.name}> element (${where})`;
  const verify = attribute(element.tag, 'verify');
  const jwt = verify === undefined ? '' : decodeEntities(verify.rawValue, at).trim();
  let body = '';
  for (const token of element.inner) {
    if (token.kind === 'cdata') body += text.slice(token.start + 9, token.end - 3);
    else if (token.kind === 'text') body += decodeEntities(text.slice(token.start, token.end), at);
  }
  body = body.trim();
  // OB 2.0 puts a hosted assertion's URL in `verify` and may repeat its JSON inside: the JSON is
  // read, and the hosted check compares it with the issuer's copy at its id.
  if (version === 2) {
    if (body || jwt) return { text: body || jwt, version };
    throw new MicrocredError(ErrorCode.IMAGE_NO_CREDENTIAL, `The <${element.tag.name}> element (${where}) is empty.`);
  }
  if (jwt && body) {
    throw new MicrocredError(
      ErrorCode.IMAGE_AMBIGUOUS,
      `The <${element.tag.name}> element (${where}) holds a credential in its "verify" attribute and another in its content; microcred will not choose between them.`,
    );
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(jwt)) {
    throw new MicrocredError(
      ErrorCode.IMAGE_UNSAFE,
      `The <${element.tag.name}> element (${where}) points to ${jwt} instead of holding the credential; microcred does not fetch what an image refers to.`,
      { url: jwt },
    );
  }
  if (jwt || body) return { text: jwt || body, version };
  const href = element.tag.attributes.find((a) => /^(?:[\w.-]+:)?(?:href|src)$/.test(a.name));
  if (href) {
    throw new MicrocredError(
      ErrorCode.IMAGE_UNSAFE,
      `The <${element.tag.name}> element (${where}) refers to ${href.rawValue} through "${href.name}" instead of holding the credential; microcred does not follow references in images.`,
      { url: href.rawValue },
    );
  }
  throw new MicrocredError(ErrorCode.IMAGE_NO_CREDENTIAL, `The <${element.tag.name}> element (${where}) is empty.`);
}

/**
 * `text` with `credential` baked in: every earlier baked badge (3.0 or 2.0) removed with the
 * whitespace before it, the namespace declared on the root, and the new element placed as the
 * root's first child. Everything else is kept byte for byte, so baking twice equals baking once.
 */
export function bakeSvg(text: string, credential: { text: string; jwt: boolean }): string {
  const { root, found } = readSvg(text, new FoundBadges<Element>());
  const edits: { start: number; end: number; insert: string }[] = [];
  for (const { item } of found.items) {
    let start = item.start;
    while (start > root.end && /\s/.test(text[start - 1]!)) start--;
    edits.push({ start, end: item.end, insert: '' });
  }
  const declared = attribute(root, `xmlns:${SVG_PREFIX}`);
  const boundTo = declared && decodeEntities(declared.rawValue, `in the root's "${declared.name}" attribute`);
  if (!declared) {
    edits.push({
      start: root.attributesEnd,
      end: root.attributesEnd,
      insert: ` xmlns:${SVG_PREFIX}="${SVG_NAMESPACE}"`,
    });
  } else if (boundTo === SVG_NAMESPACE_OB2) {
    // An Open Badges 2.0 badge being baked again: its assertion is removed above, so its prefix is free.
    edits.push({ start: declared.valueStart, end: declared.valueEnd, insert: SVG_NAMESPACE });
  } else if (boundTo !== SVG_NAMESPACE) {
    throw new MicrocredError(
      ErrorCode.IMAGE_INVALID,
      `The SVG binds the prefix "${SVG_PREFIX}" to ${boundTo}, not to ${SVG_NAMESPACE}; baking would change what its other elements mean.`,
    );
  }
  const element = credential.jwt
    ? `<${SVG_PREFIX}:credential verify="${escapeAttribute(credential.text)}"></${SVG_PREFIX}:credential>`
    : `<${SVG_PREFIX}:credential><![CDATA[${credential.text.replace(/]]>/g, ']]]]><![CDATA[>')}]]></${SVG_PREFIX}:credential>`;
  if (root.selfClosing) edits.push({ start: root.end - 2, end: root.end, insert: `>\n${element}\n</${root.name}>` });
  else edits.push({ start: root.end, end: root.end, insert: `\n${element}` });
  // In one pass from the start; at one offset, an insertion before a removal, so the removal
  // never takes what was just inserted.
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let pos = 0;
  for (const edit of edits) {
    parts.push(text.slice(pos, edit.start), edit.insert);
    pos = edit.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/**
 * The root <svg> of `text`, with its baked elements added to `found`, after checking the whole
 * document's structure. The content of the first baked element is kept (extraction reads only
 * a lone one); of the others, only where they are.
 */
function readSvg(text: string, found: FoundBadges<Element>): { root: StartTag; found: FoundBadges<Element> } {
  const lineAt = lineCounter(text);
  const stack: Scope[] = [];
  let root: StartTag | undefined;
  let open: Element | undefined;
  let first = true;
  for (const token of scanXml(text)) {
    if (first && token.kind === 'pi') checkEncoding(text.slice(token.start, token.end));
    // The declaration comes first, after a byte-order mark when the text still has one.
    first = token.kind === 'text' && first && text.slice(token.start, token.end) === '\uFEFF';
    if (token.kind === 'doctype' && root)
      throw new MicrocredError(
        ErrorCode.IMAGE_INVALID,
        `The SVG has a DOCTYPE inside its content (line ${lineAt(token.start)}).`,
      );
    if (
      stack.length === 0 &&
      (token.kind === 'cdata' || (token.kind === 'text' && text.slice(token.start, token.end).trim() !== ''))
    ) {
      throw new MicrocredError(
        ErrorCode.IMAGE_INVALID,
        `The SVG has content outside its root element (line ${lineAt(token.start)}).`,
      );
    }
    if (open && token.kind !== 'end') {
      if (token.kind === 'start')
        throw new MicrocredError(
          ErrorCode.IMAGE_INVALID,
          `The <${open.tag.name}> element (line ${lineAt(open.start)}) contains another element; it holds only the credential.`,
        );
      if (found.count === 1) open.inner.push(token);
      continue;
    }
    if (token.kind === 'start') {
      if (!root) {
        if (localName(token.name) !== 'svg')
          throw new MicrocredError(
            ErrorCode.IMAGE_INVALID,
            `The document's root element is <${token.name}>, not <svg>.`,
          );
        root = token;
      } else if (stack.length === 0) {
        throw new MicrocredError(
          ErrorCode.IMAGE_INVALID,
          `The SVG has a second root element <${token.name}> (line ${lineAt(token.start)}).`,
        );
      }
      const namespaces = declaredNamespaces(token, lineAt);
      const frame: Scope = { tag: token, ...(namespaces ? { namespaces } : {}) };
      const version = bakedVersion(token.name, frame, stack);
      if (version) {
        const element: Element = { tag: token, inner: [], start: token.start, end: token.end };
        // An element written another way than the spec's <openbadges:…> is named as written.
        const usual = token.name === `${SVG_PREFIX}:${version === 3 ? 'credential' : 'assertion'}`;
        found.add({
          version,
          where: `line ${lineAt(token.start)}${usual ? '' : `, written <${token.name}>`}`,
          item: element,
        });
        if (!token.selfClosing) open = element;
      }
      if (!token.selfClosing) stack.push(frame);
      if (stack.length > MAX_DEPTH)
        throw new MicrocredError(
          ErrorCode.IMAGE_INVALID,
          `The SVG nests elements more than ${MAX_DEPTH} deep (line ${lineAt(token.start)}).`,
        );
    } else if (token.kind === 'end') {
      const top = stack.pop();
      if (top?.tag.name !== token.name) {
        throw new MicrocredError(
          ErrorCode.IMAGE_INVALID,
          `The SVG is not well-formed XML: </${token.name}> at line ${lineAt(token.start)} closes ${top ? `<${top.tag.name}>` : 'nothing'}.`,
        );
      }
      if (open?.tag === top.tag) {
        open.end = token.end;
        open = undefined;
      }
    }
  }
  if (!root) throw new MicrocredError(ErrorCode.IMAGE_INVALID, 'The text is not an SVG: it has no <svg> element.');
  if (stack.length > 0)
    throw new MicrocredError(
      ErrorCode.IMAGE_INVALID,
      `The SVG ends before its <${stack.at(-1)!.tag.name}> element is closed: the file is cut short.`,
    );
  return { root, found };
}

/**
 * 3 for an Open Badges 3.0 credential element, 2 for a 2.0 assertion element, else undefined.
 * The element is named by its namespace, as a namespace-aware reader names it (Namespaces in XML
 * 1.0 §6): `<openbadges:credential>`, `<ob:credential xmlns:ob="…">`, and `<credential>` under
 * `xmlns="https://purl.imsglobal.org/ob/v3p0"` on it or an ancestor are the same element, so a
 * second one under another prefix cannot hide beside the first.
 */
function bakedVersion(name: string, frame: Scope, ancestors: Scope[]): 3 | 2 | undefined {
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const local = name.slice(colon + 1);
  if (local !== 'credential' && local !== 'assertion') return undefined;
  let namespace = frame.namespaces?.get(prefix);
  for (let i = ancestors.length - 1; i >= 0 && namespace === undefined; i--)
    namespace = ancestors[i]!.namespaces?.get(prefix);
  // Some bakers write the element without declaring its prefix; "openbadges" then means what the specs bind it to.
  if (namespace === undefined && prefix === SVG_PREFIX) return local === 'credential' ? 3 : 2;
  if (namespace === SVG_NAMESPACE && local === 'credential') return 3;
  if (namespace === SVG_NAMESPACE_OB2 && local === 'assertion') return 2;
  return undefined;
}

/**
 * The namespaces `tag` declares (`xmlns:p="…"` by prefix, `xmlns="…"` as `''`), with their
 * character references read, as a namespace-aware reader reads them; undefined when none.
 */
function declaredNamespaces(tag: StartTag, lineAt: (offset: number) => number): Map<string, string> | undefined {
  let namespaces: Map<string, string> | undefined;
  for (const a of tag.attributes) {
    if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) continue;
    const value = decodeEntities(a.rawValue, `in the "${a.name}" attribute (line ${lineAt(a.start)})`);
    (namespaces ??= new Map()).set(a.name === 'xmlns' ? '' : a.name.slice(6), value);
  }
  return namespaces;
}

// The text was decoded as UTF-8 (or came as a string); a declaration naming another encoding means
// the bytes were not what they claim, or that non-ASCII text would be misread.
function checkEncoding(declaration: string): void {
  if (!declaration.startsWith('<?xml')) return;
  const encoding = /\bencoding\s*=\s*["']([^"']*)["']/.exec(declaration)?.[1];
  if (encoding !== undefined && !/^(?:utf-8|us-ascii)$/i.test(encoding)) {
    throw new MicrocredError(
      ErrorCode.IMAGE_INVALID,
      `The SVG declares the encoding "${encoding}"; microcred reads SVG in UTF-8 only. Save the file as UTF-8.`,
      { encoding },
    );
  }
}

function attribute(tag: StartTag, name: string): Attribute | undefined {
  return tag.attributes.find((a) => a.name === name);
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}
