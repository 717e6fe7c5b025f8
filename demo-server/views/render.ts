// Sends a server-rendered page: escaping renderer, doctype, and no caching (pages can hold secrets or codes).
import type { Response } from 'express';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

export function sendPage(res: Response, status: number, page: VNode): void {
  res.status(status).set('Cache-Control', 'no-store').type('html').send('<!doctype html>' + render(page));
}
