import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { SUPPORTED_LOCALES, type Locale } from '../../i18n/locales.js';

export interface WebChatDeps {
  /** The folder holding index.html, webchat/ and vendor/ (the Web Chat bundle copied at install). */
  publicDir?: string;
  /** The `web` object of each locale's translation.json: the page's own words. */
  strings: Record<Locale, unknown>;
  defaultLocale: Locale;
}

export const DEFAULT_PUBLIC_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'public');

const ASSETS: Record<string, { file: string; type: string }> = {
  '/webchat/app.js': { file: 'webchat/app.js', type: 'text/javascript; charset=utf-8' },
  '/webchat/app.css': { file: 'webchat/app.css', type: 'text/css; charset=utf-8' },
  '/webchat/vendor/webchat.js': { file: 'vendor/webchat.js', type: 'text/javascript; charset=utf-8' },
};

/**
 * Web Chat styles itself with inline <style> (emotion), renders card images from anywhere, and talks
 * to our Direct Line over fetch and a WebSocket on the same host.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  'img-src * data: blob:',
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  'media-src * data: blob:',
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** GET / (the chat page) and its assets, all from our own server: no CDN. */
export function webChatRoutes(deps: WebChatDeps): (server: Server) => void {
  const dir = deps.publicDir ?? DEFAULT_PUBLIC_DIR;
  const cache = new Map<string, Buffer>();
  const load = async (file: string): Promise<Buffer | undefined> => {
    const hit = cache.get(file);
    if (hit) return hit;
    try {
      const body = await readFile(path.join(dir, file));
      cache.set(file, body);
      return body;
    } catch {
      return undefined;
    }
  };
  // JSON inside <script type="application/json"> is data, not script: CSP allows it, and escaping "<"
  // keeps a translation from closing the tag.
  const strings = JSON.stringify({
    defaultLocale: deps.defaultLocale,
    locales: SUPPORTED_LOCALES,
    strings: deps.strings,
  }).replace(/</g, '\\u003c');

  return (server) => {
    server.get('/', async (_req: Request, res: Response) => {
      const template = await load('index.html');
      if (!template) {
        res.status(404);
        res.json({ error: { code: 'notFound', message: 'public/index.html is missing' } });
        return;
      }
      const html = template.toString('utf8').replace('{{WEB_STRINGS}}', () => strings);
      res.setHeader('content-security-policy', CSP);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.sendRaw(200, html);
    });

    for (const [route, asset] of Object.entries(ASSETS)) {
      server.get(route, async (_req: Request, res: Response) => {
        const body = await load(asset.file);
        if (!body) {
          res.status(404);
          res.json({
            error: {
              code: 'notFound',
              message: asset.file.startsWith('vendor/') ? 'The Web Chat bundle is missing: run npm run vendor:webchat' : `${asset.file} is missing`,
            },
          });
          return;
        }
        res.setHeader('content-type', asset.type);
        res.setHeader('x-content-type-options', 'nosniff');
        res.setHeader('cache-control', asset.file.startsWith('vendor/') ? 'public, max-age=86400' : 'no-cache');
        res.sendRaw(200, body);
      });
    }
  };
}
