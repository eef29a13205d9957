// A tiny element builder: every value from a credential goes in as text (textContent), never as
// markup, so a crafted credential cannot inject into the page.

/** Attributes of {@link h}; `false`/`undefined` leave one out. */
export type Attributes = Record<string, string | number | boolean | undefined>;

/** A new element `tag` with `attributes` and `children` (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}
