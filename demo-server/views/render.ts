// Sends a server-rendered page: escaping renderer, doctype, and no caching (pages can hold secrets or codes).
import type { Response } from 'express';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { RenderedPage } from './page-template.ts';

export function sendPage(res: Response, status: number, page: VNode | RenderedPage): void {
  const html = 'kind' in page && page.kind === 'rendered-page' ? page.html : render(page as VNode);
  res.status(status).set('Cache-Control', 'no-store').type('html').send('<!doctype html>' + html);
}
