/**
 * The pane's one way to make elements. Text goes in through textContent only: a cell holding
 * `<img onerror=…>` is shown as those characters, never parsed. There is no innerHTML in the pane
 * (test/taskpane/security.test.ts checks the sources).
 */

export type Child = Node | string | null | undefined | false;

export interface Props {
  /** Class names. */
  readonly class?: string;
  /** Attributes, set with setAttribute; null or false leaves one out, true sets it empty. */
  readonly attrs?: Readonly<Record<string, string | number | boolean | null | undefined>>;
  /** Text content; a child list is the alternative. */
  readonly text?: string;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.attrs) {
    for (const [name, value] of Object.entries(props.attrs)) {
      if (value === null || value === undefined || value === false) continue;
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  if (props.text !== undefined) element.textContent = props.text;
  append(element, children);
  return element;
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Removes every child and puts the new ones in. */
export function replaceChildren(parent: Element, children: readonly Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

let nextId = 0;

/** A document-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
