import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * The Content Security Policy of the built site, as a `<meta http-equiv>` tag in every HTML page
 * Vite emits (so it holds on any static host, which cannot be relied on to send headers).
 * `scripts/serve.mjs` (`npm start`) sends the same policy as a header, plus `frame-ancestors`,
 * which browsers ignore in a meta tag.
 *
 * Why each directive:
 * - `script-src 'self' 'sha256-…'`: the bundle's own files, and the inline script(s) in the page
 *   (the theme script that runs before first paint) by hash, computed here from the final HTML.
 *   No 'unsafe-inline', no 'unsafe-eval': nothing from a link, a lesson or storage can run. The
 *   app sets zod to jitless (src/zod-config.ts) so zod never even probes `new Function`.
 * - `style-src 'self' 'unsafe-inline'`: React's and D3's style attributes and the style elements
 *   a code editor injects. Styles cannot run code; this is the usual trade-off.
 * - `img-src 'self' data:`: our images and inline SVG data URLs.
 * - `connect-src 'self' ws://127.0.0.1:* ws://localhost:*`: fetches go to the site
 *   itself only. In CSP Level 3 'self' also allows `ws:`/`wss:` to the page's own host and port,
 *   which is what the live view (`#/live`) needs when `npm run broker` serves the page and its
 *   WebSocket from one address; the loopback WebSockets let a page served elsewhere reach a
 *   broker on this machine (`#/live?ws=ws://127.0.0.1:PORT/live`; CSP has no syntax for an IPv6
 *   literal such as [::1]). A broker on another machine would need its origin added here.
 * - `worker-src 'self'`: the lab's worker and the service worker are files of the site.
 * - `frame-src 'self'` (and `child-src`, its fallback in older browsers): the lab runs learner code
 *   in a sandboxed, opaque-origin iframe loaded from a file of the site (public/lab-sandbox.html),
 *   which carries its own, stricter policy. A `blob:` or `srcdoc` frame would inherit this policy
 *   instead; add `blob:` here if the lab ever builds its frame that way.
 * - `object-src 'none'`, `base-uri 'none'`, `form-action 'self'`: no plugins, no `<base>`
 *   hijacking of relative URLs, forms post nowhere else.
 *
 * The dev server (`npm run dev`) gets no policy: Vite's hot reload injects inline scripts.
 */
export function sitePolicy(scriptHashes: string[]): string {
  const hashes = [...new Set(scriptHashes)].map((h) => `'${h}'`);
  return [
    "default-src 'self'",
    ["script-src 'self'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    // Loopback WebSockets: the live view of a broker on this machine (see above).
    "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
    "worker-src 'self'",
    "frame-src 'self'",
    "child-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** `sha256-<base64>` of each inline script (one without `src`) in an HTML text, in order. */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(m[1] ?? '')) continue;
    out.push(`sha256-${createHash('sha256').update(m[2] ?? '', 'utf8').digest('base64')}`);
  }
  return out;
}

export const CSP_META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/i;

/** The HTML with the site's policy as the first element of its head (replacing an older one). */
export function withCspMeta(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${sitePolicy(inlineScriptHashes(html))}" />`;
  if (CSP_META.test(html)) return html.replace(CSP_META, meta);
  // Right after <meta charset>, before anything the policy governs.
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
  if (charset) return html.replace(charset[0], `${charset[0]}\n    ${meta}`);
  return html.replace(/<head>/i, `<head>\n    ${meta}`);
}

/** Adds the policy to every HTML page of the build, after every other plugin has changed it. */
export function cspPlugin(): Plugin {
  return {
    name: 'streamlab-csp',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
        file.source = withCspMeta(typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source));
      }
    },
  };
}
