/** The slice of @xmldom/xmldom's DOM that the Word readers use, and a parser that throws. */
import { DOMParser } from '@xmldom/xmldom';
import type { XmlNode } from './omml-to-latex';

export interface DomEl extends XmlNode {
  parentNode: DomEl | null;
  nextSibling: XmlNode | null;
  ownerDocument: {
    createElementNS(ns: string, q: string): DomEl;
    createTextNode(t: string): XmlNode;
  };
  childNodes: ArrayLike<DomEl>;
  getElementsByTagName(name: string): ArrayLike<DomEl>;
  appendChild(c: XmlNode): void;
  insertBefore(c: XmlNode, ref: XmlNode): void;
  replaceChild(c: XmlNode, old: XmlNode): void;
  removeChild(c: XmlNode): void;
  setAttribute(n: string, v: string): void;
  getAttribute(n: string): string | null;
}

export type DomDoc = DomEl & { documentElement: DomEl };

/** Parses XML, throwing on any error (xmldom would otherwise log and return a partial tree). */
export function parseXml(xml: string): DomDoc {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(xml, 'text/xml') as unknown as DomDoc;
}
