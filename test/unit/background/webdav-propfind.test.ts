// The WebDAV answer reader and address check: the shapes real servers send, and the XML and URLs that must be refused.
import { describe, expect, it } from 'vitest';
import { parseMultistatus } from '../../../extension/background/sync/webdav-propfind.ts';
import { checkWebdavUrl } from '../../../extension/background/sync/webdav-url.ts';
import { parseXml, XmlError } from '../../../extension/background/sync/webdav-xml.ts';

// Shaped like Nextcloud's answer: `d:` prefix, namespaces on the root, a 404 propstat for a property it lacks.
const NEXTCLOUD = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns">
 <d:response><d:href>/remote.php/dav/files/alice/keyfob/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype><d:getetag>&quot;6565f2a1&quot;</d:getetag></d:prop>
   <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
 <d:response><d:href>/remote.php/dav/files/alice/keyfob/r%2D1.json</d:href>
  <d:propstat><d:prop><d:resourcetype/><d:getetag>&quot;b1946ac9&quot;</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><oc:fileid/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>
</d:multistatus>`;

describe('parseMultistatus', () => {
  it('reads hrefs, ETags and collections from a prefixed answer, decoding entities', () => {
    expect(parseMultistatus(NEXTCLOUD)).toEqual([
      { href: '/remote.php/dav/files/alice/keyfob/', etag: '"6565f2a1"', collection: true },
      { href: '/remote.php/dav/files/alice/keyfob/r%2D1.json', etag: '"b1946ac9"', collection: false },
    ]);
  });

  it('reads the default namespace, CDATA and comments the same way', () => {
    const xml = `<multistatus xmlns="DAV:"><!-- hi --><response><href><![CDATA[/dav/keyfob/a]]></href>
      <propstat><prop><getetag>"x"</getetag><resourcetype/></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`;
    expect(parseMultistatus(xml)).toEqual([{ href: '/dav/keyfob/a', etag: '"x"', collection: false }]);
  });

  it('takes no ETag from a propstat whose status is not 200', () => {
    const xml = `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:propstat><D:prop><D:getetag>"stale"</D:getetag></D:prop>
      <D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response></D:multistatus>`;
    expect(parseMultistatus(xml)).toEqual([{ href: '/a', etag: null, collection: false }]);
  });

  it('does not take an element from another namespace for a DAV: one', () => {
    const xml = `<D:multistatus xmlns:D="DAV:" xmlns:X="urn:other"><D:response><X:href>/evil</X:href><D:href>/a</D:href>
      </D:response></D:multistatus>`;
    expect(parseMultistatus(xml)).toEqual([{ href: '/a', etag: null, collection: false }]);
  });

  it.each([
    ['an HTML page', '<html><body>Login</body></html>'],
    ['a DAV error', '<d:error xmlns:d="DAV:"/>'],
    ['a response without href', '<d:multistatus xmlns:d="DAV:"><d:response/></d:multistatus>'],
  ])('refuses %s', (_what, xml) => {
    expect(() => parseMultistatus(xml)).toThrow();
  });
});

describe('parseXml', () => {
  it.each([
    ['a DOCTYPE with an entity (XML bomb, external entity)', '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'],
    ['an unknown entity', '<x>&nbsp;</x>'],
    ['a bare ampersand', '<x>a & b</x>'],
    ['an unbound prefix', '<d:x/>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed element', '<a><b/>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', '<a/>junk'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['nothing', '   '],
  ])('refuses %s', (_what, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
  });

  it('decodes numeric character references and keeps the innermost namespace binding', () => {
    const root = parseXml('<a xmlns="urn:1"><b xmlns="urn:2">&#x41;&#66;</b><c/></a>');
    expect(root.children.map((c) => [c.ns, c.local, c.text])).toEqual([['urn:2', 'b', 'AB'], ['urn:1', 'c', '']]);
  });
});

describe('checkWebdavUrl', () => {
  it.each([
    ['https://cloud.example.test/remote.php/dav/files/alice', 'https://cloud.example.test/remote.php/dav/files/alice/'],
    ['http://127.0.0.1:8080/dav/', 'http://127.0.0.1:8080/dav/'],
    ['http://localhost/dav', 'http://localhost/dav/'],
    ['http://[::1]:9/', 'http://[::1]:9/'],
  ])('accepts %s as the collection %s', (input, href) => {
    const checked = checkWebdavUrl(input);
    expect(checked.ok && checked.url.href).toBe(href);
  });

  it.each([
    ['plain http to another host (the app password would cross the network in clear)', 'http://cloud.example.test/dav/', 'insecure'],
    ['plain http to a name that merely starts like loopback', 'http://127.0.0.1.example.test/dav/', 'insecure'],
    ['another scheme', 'ftp://cloud.example.test/', 'scheme'],
    ['credentials in the URL', 'https://alice:pw@cloud.example.test/', 'credentials'],
    ['a query', 'https://cloud.example.test/dav?x=1', 'query'],
    ['not a URL', 'cloud.example.test/dav', 'invalid'],
  ])('refuses %s', (_what, input, reason) => {
    expect(checkWebdavUrl(input)).toEqual({ ok: false, reason });
  });
});
