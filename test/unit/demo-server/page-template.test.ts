// Pre-drawn pages: a filled template is byte for byte the page the renderer would draw, hostile values included.
import { describe, expect, it } from 'vitest';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { ChallengePage, ChallengeView } from '../../../demo-server/views/auth-pages.tsx';
import { escapeHtml, pageTemplate } from '../../../demo-server/views/page-template.ts';
import { MessagePage } from '../../../demo-server/views/message-page.tsx';

const hostile = ['', 'plain', '"><script>alert(1)</script>', `a&b<c>d"e'f`, 'nul\u0000inside\u0000x\u0000', '&amp; already'];

describe('ChallengePage', () => {
  for (const recovery of [false, true]) {
    for (const error of [null, 'That code is not valid.', ...hostile.filter(Boolean)]) {
      it(`matches the rendered page (recovery ${recovery}, error ${JSON.stringify(error)})`, () => {
        // A token is never empty (preact would then write a bare `value`), so the hostile ones start at one character.
        for (const csrf of ['abcDEF123-_abcDEF123-_abcDEF123-_abcDEF123-', ...hostile.filter(Boolean)]) {
          const props = { appName: 'Keyfob <Demo> & "Co"', csrf, recovery, error };
          expect(ChallengePage(props).html).toBe(render(ChallengeView(props)));
        }
      });
    }
  }

  it('escapes the filled values: a token or error text cannot open a tag or leave its attribute', () => {
    const html = ChallengePage({ appName: 'Demo', csrf: '"><b>x', recovery: false, error: '<img src=x onerror=alert(1)>' }).html;
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<img');
    expect(html).toContain('value="&quot;>&lt;b>x"');
  });
});

describe('pageTemplate', () => {
  it('refuses a slot the page does not show, or shows twice', () => {
    expect(() => pageTemplate(['message'], () => MessagePage({ appName: 'Demo', title: 'Title', message: 'fixed' }))).toThrow(/"message"/);
    // The title is shown twice (<title> and <h1>).
    expect(() => pageTemplate(['title'], (m) => MessagePage({ appName: 'Demo', title: m.title, message: 'fixed' }))).toThrow(/exactly once/);
    const fill = pageTemplate(['message'], (m) => MessagePage({ appName: 'Demo', title: 'Title', message: m.message }));
    expect(fill({ message: 'a<b' }).html).toBe(render(MessagePage({ appName: 'Demo', title: 'Title', message: 'a<b' })));
  });

  it('escapes as the renderer does', () => {
    for (const v of hostile) expect(escapeHtml(v)).toBe(render(h('p', null, v)).slice(3, -4));
  });
});
