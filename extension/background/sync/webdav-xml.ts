// A small, strict, namespace-aware XML reader for WebDAV multistatus answers. The service worker has no DOMParser,
// and the answers we read are tiny and regular; this reads well-formed XML into a tree and refuses anything else
// (a DOCTYPE, an unknown entity, an unbound prefix, mismatched tags), so a server's oddity becomes a clear error.
//
// Why hand-written rather than a package (issue 23, measured 2026-12 with esbuild --bundle --minify, gzip -9):
// - fast-xml-parser 5.12.1 (6 dependencies): 63 KiB raw / 21 KiB gzip for XMLParser alone, in a worker whose whole
//   bundle is 170 KiB / 63 KiB (scripts/bench/bundle-size.ts). It resolves no namespaces (removeNSPrefix reads an
//   <X:href> of another namespace as a DAV: href), and even with XMLValidator it accepts 5 of the 10 inputs the tests
//   require refused (a DOCTYPE with an entity, an unknown entity, an unbound prefix, two roots, text after the root).
// - saxes 6.0.0 (+ xmlchars; refuses all 10, namespace-aware, last release 2022): a prototype on it, with the tree
//   building and DOCTYPE refusal still ours, passed the same tests but grew the built service-worker.js from 174,309
//   to 198,945 bytes (gzip 63,058 to 69,800: past the 60 KiB goal, further) and read the 10,000 fuzz inputs 8x slower.
// - This file with webdav-propfind.ts: 3.5 KiB raw / 1.7 KiB gzip. test/unit/background/webdav-xml.fuzz.test.ts
//   feeds it 10,000 seeded mutations of real PROPFIND answers.
import { CodedError } from '../../../src/shared/coded-error.ts';

export interface XmlElement {
  /** The namespace URI the element's prefix (or the default namespace) is bound to; '' when none. */
  ns: string;
  local: string;
  children: XmlElement[];
  /** The element's own character data (text and CDATA directly inside it), entities decoded. */
  text: string;
}

/** Not well-formed, or a construct this reader refuses (a DOCTYPE…); the backend reports it as a server failure. */
export class XmlError extends CodedError<'malformed-xml'> {
  override name = 'XmlError';
  constructor(message: string) {
    super('malformed-xml', message);
  }
}

const NAME = /[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

function decodeEntities(raw: string): string {
  return raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`unterminated entity reference "${whole}"`);
    const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? parseInt(ref.slice(1), 10) : null;
    if (code !== null) {
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new XmlError(`invalid character reference "${whole}"`);
      return String.fromCodePoint(code);
    }
    const named = PREDEFINED[ref];
    if (named === undefined) throw new XmlError(`unknown entity "${whole}"`);
    return named;
  });
}

interface Open { element: XmlElement; qname: string; scope: Map<string, string> }

function resolve(qname: string, scope: Map<string, string>, isAttribute: boolean): { ns: string; local: string } {
  const colon = qname.indexOf(':');
  if (colon < 0) return { ns: isAttribute ? '' : scope.get('') ?? '', local: qname };
  const prefix = qname.slice(0, colon);
  const ns = prefix === 'xml' ? XML_NS : scope.get(prefix);
  if (ns === undefined || ns === '') throw new XmlError(`unbound namespace prefix "${prefix}"`);
  return { ns, local: qname.slice(colon + 1) };
}

/** Parses a whole document and returns its root element; throws XmlError on anything that is not well-formed. */
export function parseXml(source: string): XmlElement {
  let at = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: Open[] = [];
  let root: XmlElement | null = null;

  const expect = (token: string, what: string): number => {
    const end = source.indexOf(token, at);
    if (end < 0) throw new XmlError(`unterminated ${what}`);
    return end;
  };

  while (at < source.length) {
    const lt = source.indexOf('<', at);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > at) {
      const raw = source.slice(at, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.element.text += decodeEntities(raw);
      else if (raw.trim() !== '') throw new XmlError('text outside the root element');
      at = textEnd;
      continue;
    }
    if (source.startsWith('<?', at)) {
      at = expect('?>', 'processing instruction') + 2;
    } else if (source.startsWith('<!--', at)) {
      at = expect('-->', 'comment') + 3;
    } else if (source.startsWith('<![CDATA[', at)) {
      const top = stack[stack.length - 1];
      if (!top) throw new XmlError('CDATA outside the root element');
      const end = expect(']]>', 'CDATA section');
      top.element.text += source.slice(at + 9, end);
      at = end + 3;
    } else if (source.startsWith('<!', at)) {
      // DOCTYPE and its entity declarations are how XML bombs and external entities get in: none belong in WebDAV.
      throw new XmlError('DOCTYPE and declarations are not accepted');
    } else if (source.startsWith('</', at)) {
      NAME.lastIndex = at + 2;
      const name = NAME.exec(source)?.[0];
      const top = stack.pop();
      if (!name || !top || name !== top.qname) throw new XmlError(`mismatched closing tag </${name ?? ''}>`);
      at = NAME.lastIndex;
      while (/\s/.test(source[at] ?? '')) at++;
      if (source[at] !== '>') throw new XmlError(`malformed closing tag </${name}>`);
      at++;
    } else {
      NAME.lastIndex = at + 1;
      const qname = NAME.exec(source)?.[0];
      if (!qname) throw new XmlError('malformed start tag');
      at = NAME.lastIndex;
      const attributes: [string, string][] = [];
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const m = ATTRIBUTE.exec(source);
        if (!m) break;
        attributes.push([m[1] as string, decodeEntities(m[2] ?? m[3] ?? '')]);
        at = ATTRIBUTE.lastIndex;
      }
      while (/\s/.test(source[at] ?? '')) at++;
      const selfClosing = source.startsWith('/>', at);
      if (!selfClosing && source[at] !== '>') throw new XmlError(`malformed start tag <${qname}>`);
      at += selfClosing ? 2 : 1;

      const parent = stack[stack.length - 1];
      if (!parent && root) throw new XmlError('more than one root element');
      const scope = new Map(parent?.scope ?? []);
      const seen = new Set<string>();
      for (const [name, value] of attributes) {
        if (seen.has(name)) throw new XmlError(`duplicate attribute ${name}`);
        seen.add(name);
        if (name === 'xmlns') scope.set('', value);
        else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
      }
      for (const [name] of attributes) if (!name.startsWith('xmlns')) resolve(name, scope, true);
      const element: XmlElement = { ...resolve(qname, scope, false), children: [], text: '' };
      if (parent) parent.element.children.push(element);
      else root = element;
      if (!selfClosing) stack.push({ element, qname, scope });
    }
  }
  if (stack.length > 0) throw new XmlError(`unclosed element <${stack[stack.length - 1]?.qname ?? ''}>`);
  if (!root) throw new XmlError('no root element');
  return root;
}
