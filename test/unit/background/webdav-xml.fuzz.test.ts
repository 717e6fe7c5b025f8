// Fuzzes the hand-written WebDAV XML reader with 10,000 seeded mutations of real PROPFIND answers: it may refuse, with
// its own errors only, or read entries of the right shape; harmless changes (spacing, comments) read the same.
import { describe, expect, it } from 'vitest';
import { parseMultistatus, type PropfindEntry } from '../../../extension/background/sync/webdav-propfind.ts';
import { parseXml, XmlError } from '../../../extension/background/sync/webdav-xml.ts';
import { seeded } from '../../support/seeded-random.ts';

const RUNS = 10_000;

type Random = ReturnType<typeof seeded>;
const below = (rnd: Random, n: number): number => Math.floor(rnd() * n);
const pick = <T>(rnd: Random, items: readonly T[]): T => items[below(rnd, items.length)] as T;

interface Answer { name: string; xml: string; entries: PropfindEntry[] }

// The answers of the servers Keyfob syncs with, as they write them.
const ANSWERS: Answer[] = [
  {
    name: 'Apache mod_dav',
    xml: `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">
<D:href>/dav/keyfob/</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype><D:collection/></lp1:resourcetype>
<lp1:getetag>"1000-62f0a1b2c3d4e"</lp1:getetag>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">
<D:href>/dav/keyfob/r-1.json</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype/>
<lp1:getetag>"2a-62f0a1b2c3d4f"</lp1:getetag>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
</D:multistatus>
`,
    entries: [
      { href: '/dav/keyfob/', etag: '"1000-62f0a1b2c3d4e"', collection: true },
      { href: '/dav/keyfob/r-1.json', etag: '"2a-62f0a1b2c3d4f"', collection: false },
    ],
  },
  {
    name: 'Nextcloud',
    xml: `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns">
 <d:response><d:href>/remote.php/dav/files/alice/keyfob/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype><d:getetag>&quot;6565f2a1&quot;</d:getetag></d:prop>
   <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
 <d:response><d:href>/remote.php/dav/files/alice/keyfob/r%2D1.json</d:href>
  <d:propstat><d:prop><d:resourcetype/><d:getetag>&quot;b1946ac9&quot;</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><oc:fileid/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>
</d:multistatus>`,
    entries: [
      { href: '/remote.php/dav/files/alice/keyfob/', etag: '"6565f2a1"', collection: true },
      { href: '/remote.php/dav/files/alice/keyfob/r%2D1.json', etag: '"b1946ac9"', collection: false },
    ],
  },
  {
    name: 'default namespace, CDATA and a weak ETag',
    xml: `<multistatus xmlns="DAV:"><!-- listing --><response><href><![CDATA[/dav/keyfob/a b.json]]></href>
      <propstat><prop><getetag>W/"x&amp;1"</getetag><resourcetype/></prop><status>HTTP/1.1 200 OK</status></propstat></response>
      <response><href>https://cloud.example.test/dav/keyfob/&#x6B;.json</href><propstat><prop><getetag/></prop>
      <status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`,
    entries: [
      { href: '/dav/keyfob/a b.json', etag: 'W/"x&1"', collection: false },
      { href: 'https://cloud.example.test/dav/keyfob/k.json', etag: null, collection: false },
    ],
  },
];

// What a broken server, a proxy's error page or an attacker would splice in: markup, references, declarations.
const TOKENS = [
  '<', '>', '/', '</', '/>', '&', ';', '&amp;', '&amp', '&lt;', '&nbsp;', '&#0;', '&#x110000;', '&#xD800;', '&#65;', '&#x;',
  '"', "'", '=', ':', 'D:', 'x:', 'xmlns="DAV:"', ' xmlns:D="urn:other"', ' xmlns:D=""', ' a="1"', ' a="1" a="2"',
  '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '<!DOCTYPE x [<!ENTITY e "e">]>', '<!ENTITY', '<D:href>', '</D:href>',
  '<D:response>', '</D:response>', '<D:collection/>', '<d:getetag>"z"</d:getetag>', ' ', '\n', '\t', '\u0000', '\ufeff',
  '\ud800', '\u{1F511}', 'HTTP/1.1 200 OK', 'HTTP/1.1 500', 'multistatus',
];

function mutate(rnd: Random, xml: string): string {
  let out = xml;
  for (let n = 1 + below(rnd, 4); n > 0; n--) {
    const at = below(rnd, out.length + 1);
    switch (below(rnd, 7)) {
      case 0: out = out.slice(0, at) + pick(rnd, TOKENS) + out.slice(at + 1); break;
      case 1: out = out.slice(0, at) + pick(rnd, TOKENS) + out.slice(at); break;
      case 2: out = out.slice(0, at) + out.slice(at + 1 + below(rnd, 8)); break;
      // A piece of the answer again elsewhere: repeated or crossed elements, and long inputs.
      case 3: out = out.slice(0, at) + out.slice(below(rnd, out.length), below(rnd, out.length)) + out.slice(at); break;
      case 4: out = out.slice(0, at); break;
      case 5: { const other = pick(rnd, ANSWERS).xml; out = out.slice(0, at) + other.slice(below(rnd, other.length)); break; }
      default: out = out.slice(0, at) + pick(rnd, TOKENS).repeat(1 + below(rnd, 200)) + out.slice(at);
    }
  }
  return out;
}

/** Changes that keep the meaning: spacing and comments between tags, where no text of ours is. */
function reformat(rnd: Random, xml: string): string {
  return xml.replace(/>\s*</g, (between) => {
    switch (below(rnd, 4)) {
      case 0: return between;
      case 1: return '>' + ' \n\t'.repeat(1 + below(rnd, 3)) + '<';
      case 2: return '><!-- c -->' + '<';
      default: return '><';
    }
  });
}

/** Its own refusals: XmlError from the reader, a plain Error from the multistatus checks; never a TypeError & co. */
function isOwnRefusal(e: unknown): boolean {
  return e instanceof XmlError || (e instanceof Error && Object.getPrototypeOf(e) === Error.prototype);
}

describe('the WebDAV XML reader under 10,000 mutated PROPFIND answers', () => {
  it('reads every unmutated answer to the entries its server meant, twice over', () => {
    for (const { xml, entries } of ANSWERS) {
      expect(parseMultistatus(xml)).toEqual(entries);
      expect(parseMultistatus(xml)).toEqual(entries);
    }
  });

  it('reads an answer the same after its spacing and comments between tags change', () => {
    const rnd = seeded(23);
    for (let i = 0; i < 300; i++) {
      const { xml, entries } = pick(rnd, ANSWERS);
      expect(parseMultistatus(reformat(rnd, xml)), `iteration ${i}`).toEqual(entries);
    }
  });

  // A hang or runaway backtracking fails this test by its timeout; each input is read synchronously.
  it('refuses with its own errors only, and otherwise returns entries of the right shape', () => {
    const rnd = seeded(0x5eed_23);
    const outcomes = { read: 0, refused: 0 };
    for (let i = 0; i < RUNS; i++) {
      const xml = mutate(rnd, pick(rnd, ANSWERS).xml);
      let entries: PropfindEntry[];
      try {
        entries = parseMultistatus(xml);
      } catch (e) {
        if (!isOwnRefusal(e)) throw new Error(`iteration ${i}: ${String(e)} for ${JSON.stringify(xml)}`);
        outcomes.refused++;
        continue;
      }
      outcomes.read++;
      for (const entry of entries) {
        expect(typeof entry.href === 'string' && entry.href.length > 0, `iteration ${i}`).toBe(true);
        expect(entry.etag === null || (typeof entry.etag === 'string' && entry.etag.length > 0), `iteration ${i}`).toBe(true);
        expect(typeof entry.collection, `iteration ${i}`).toBe('boolean');
      }
    }
    // Both ways are exercised, so the mutations neither always break the answer nor never do.
    expect(outcomes.read).toBeGreaterThan(RUNS / 20);
    expect(outcomes.refused).toBeGreaterThan(RUNS / 20);
  });

  it('makes parseXml itself throw nothing but XmlError', () => {
    const rnd = seeded(0xd1ff);
    for (let i = 0; i < RUNS; i++) {
      const xml = mutate(rnd, pick(rnd, ANSWERS).xml);
      try {
        parseXml(xml);
      } catch (e) {
        if (!(e instanceof XmlError)) throw new Error(`iteration ${i}: ${String(e)} for ${JSON.stringify(xml)}`);
      }
    }
  });
});
