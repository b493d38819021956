/// <reference lib="dom" />
/** Tiny DOM helpers: every text goes through `textContent`, never `innerHTML`, so data cannot inject markup. */

type Child = Node | string | null | undefined | false;

/** Creates an element with attributes and children. */
export function el(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** The element with `id`. @throws Error when the page lacks it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`[@mcp-o11y/dashboard] page element #${id} is missing`);
  return element as T;
}

/** Replaces the children of `parent`. */
export function replaceChildren(parent: HTMLElement, children: readonly Child[]): void {
  parent.replaceChildren(...children.filter((child): child is Node | string => Boolean(child)));
}

/** A status pill. */
export function pill(label: string, kind = label): HTMLElement {
  return el('span', { class: `pill ${kind}` }, label);
}
