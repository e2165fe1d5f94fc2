import { SaxesParser } from 'saxes';

/**
 * A strict XML parse for the JUnit tests, on saxes (the well-formedness checker jsdom
 * uses, already installed): an unescaped `<`, `&` or quote, a control character or an
 * unclosed tag throws, so a report that parses here parses in a CI test-report action.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities resolved. */
  text: string;
}

export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: { ...tag.attributes }, children: [], text: '' };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const open = stack.at(-1);
    if (open) open.text += text;
  });
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** The children named `name`. */
export const childrenNamed = (e: XmlElement, name: string): XmlElement[] => e.children.filter((c) => c.name === name);

/** Every element named `name` at any depth under `e`. */
export function descendants(e: XmlElement, name: string): XmlElement[] {
  return e.children.flatMap((c) => [...(c.name === name ? [c] : []), ...descendants(c, name)]);
}
