import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { RouteHandler } from '@carebridge/common';

/**
 * Serves the built web app (`web/dist`) from the gateway's own origin, so the app calls
 * `/graphql` and `/auth/*` without CORS and its refresh cookie stays first-party. Any GET that is
 * not an API path and names no file gets `index.html` (the app routes on the client).
 *
 * The build writes a brotli (`.br`) and a gzip (`.gz`) copy next to each text asset
 * (web/vite.config.ts `precompress`); the copy the browser accepts is sent as it is, with no
 * compression work per request. Source maps are never served: they stay on the build machine.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** What a file's extension looks like: `.js`, `.webmanifest`. */
const FILE_EXTENSION = /^\.[a-z0-9]{1,12}$/i;

/** Paths the app never owns: they belong to the API and must answer 404 there, not index.html. */
const API_PREFIXES = ['/graphql', '/auth/', '/.well-known/', '/internal/', '/health'];

const SECURITY_HEADERS: Record<string, string> = {
  // Scripts and styles only from this origin (Vite's build needs no inline script), no framing.
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** The precompressed copies, in the order they are preferred when the browser accepts both. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The encodings `Accept-Encoding` allows (a q of 0 refuses one; `*` stands for any not named). */
export function acceptedEncodings(headers: IncomingHttpHeaders): Set<string> {
  const weights = new Map<string, number>();
  for (const part of (headers['accept-encoding'] ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(name, q === undefined ? 1 : Number(q));
  }
  const any = weights.get('*');
  return new Set(ENCODINGS.map((e) => e.name).filter((name) => (weights.get(name) ?? any ?? 0) > 0));
}

/** The copy of `file` to send: its precompressed one the browser accepts, or the file itself. */
function variantOf(file: string, headers: IncomingHttpHeaders): { path: string; encoding?: string } {
  const accepted = acceptedEncodings(headers);
  for (const { name, suffix } of ENCODINGS) {
    if (accepted.has(name) && existsSync(file + suffix)) return { path: file + suffix, encoding: name };
  }
  return { path: file };
}

function fileIn(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const file = resolve(join(root, decoded));
  // Never outside the app's folder, whatever `..` or encoded separators the path holds.
  if (file !== root && !file.startsWith(root + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** A route handler for the built app in `distDir`; passes everything on when it is not built. */
export function webAppRoutes(distDir: string): RouteHandler {
  const root = resolve(distDir);
  return ({ request, response, url }) => {
    const method = request.method ?? 'GET';
    if ((method !== 'GET' && method !== 'HEAD') || API_PREFIXES.some((p) => url.pathname.startsWith(p))) {
      return Promise.resolve(false);
    }
    const index = join(root, 'index.html');
    if (!existsSync(index)) return Promise.resolve(false);
    const asset = url.pathname === '/' ? null : fileIn(root, url.pathname);
    // A missing asset is a 404, not the app: a browser asking for /assets/x.js must not get HTML.
    // A missing file (a name with an extension) is a 404, not the app. A JWT in an app route
    // (`/intake/<header>.<payload>.<signature>`) also has a dot, but no file extension is that long.
    if (!asset && FILE_EXTENSION.test(extname(url.pathname))) return Promise.resolve(false);
    // A source map (a `hidden` one the build keeps for the stack traces of error reports) stays private.
    if (asset && extname(asset) === '.map') return Promise.resolve(false);
    const file = asset ?? index;
    const immutable = asset !== null && url.pathname.startsWith('/assets/');
    const variant = variantOf(file, request.headers);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': String(statSync(variant.path).size),
      ...(variant.encoding ? { 'content-encoding': variant.encoding } : {}),
      // Caches keep one copy per encoding: a gzip-only client must never get the brotli one.
      vary: 'Accept-Encoding',
      // Vite names built assets by their content hash; index.html must always be revalidated.
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (method === 'HEAD') {
      response.end();
      return Promise.resolve(true);
    }
    return new Promise((done) => {
      const stream = createReadStream(variant.path);
      stream.on('error', () => {
        response.destroy();
        done(true);
      });
      stream.on('end', () => done(true));
      stream.pipe(response);
    });
  };
}

// The gateway composes its routes with the helper every service uses.
export { firstRoute } from '@carebridge/common';
