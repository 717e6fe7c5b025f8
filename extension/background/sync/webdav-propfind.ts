// Reads a PROPFIND multistatus answer into plain entries (href, ETag, collection or not), strictly: an answer that
// is not a DAV: multistatus is refused rather than read as an empty folder.
import { parseXml, type XmlElement } from './webdav-xml.ts';

const DAV = 'DAV:';

export interface PropfindEntry {
  /** The href exactly as the server wrote it (a path or an absolute URL, percent-encoded). */
  href: string;
  /** The resource's ETag as the server gave it (quotes and any W/ kept), or null when it reported none. */
  etag: string | null;
  collection: boolean;
}

function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.ns === DAV && c.local === local);
}

function children(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.ns === DAV && c.local === local);
}

/** "HTTP/1.1 200 OK" → 200; a status line that cannot be read counts as a failure. */
function statusCode(el: XmlElement | undefined): number {
  const m = /^\s*HTTP\/\d(?:\.\d)?\s+(\d{3})\b/.exec(el?.text ?? '');
  return m ? Number(m[1]) : 0;
}

/** Throws (XmlError or Error) when the body is not a well-formed DAV: multistatus. */
export function parseMultistatus(body: string): PropfindEntry[] {
  const root = parseXml(body);
  if (root.ns !== DAV || root.local !== 'multistatus') throw new Error(`expected a DAV: multistatus, got <${root.local}>`);
  return children(root, 'response').map((response) => {
    const href = child(response, 'href')?.text.trim();
    if (!href) throw new Error('a multistatus response without href');
    let etag: string | null = null;
    let collection = false;
    // Properties come in propstat groups, each with its own status: only the 200 group holds real values.
    for (const propstat of children(response, 'propstat')) {
      if (statusCode(child(propstat, 'status')) !== 200) continue;
      const prop = child(propstat, 'prop');
      if (!prop) continue;
      const tag = child(prop, 'getetag')?.text.trim();
      if (tag) etag = tag;
      const type = child(prop, 'resourcetype');
      if (type && child(type, 'collection')) collection = true;
    }
    return { href, etag, collection };
  });
}

/** The body of a PROPFIND that asks only for what listing needs. */
export const PROPFIND_ETAGS = '<?xml version="1.0" encoding="utf-8"?>\n'
  + '<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>';
