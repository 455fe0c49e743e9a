/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import { expect, test } from './fixtures';

// The site's Content Security Policy: a meta tag in the built page, and the same policy plus
// frame-ancestors as a header from `npm start`'s server (which the e2e suite runs). Every other
// spec fails on a violation (see fixtures.ts); here the policy itself is checked, and that it
// really blocks what it should. (Eval cannot be tried from here: code that Playwright evaluates
// is exempt; the first test checks that script-src allows no 'unsafe-eval'.)

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );

test('the page carries the policy as a meta tag and as a header with frame-ancestors', async ({ page, request }) => {
  const response = await request.get('./');
  const html = await response.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  expect(meta, 'a CSP meta tag').toBeTruthy();
  const m = directives(meta!);
  // Scripts: the site's own, plus the inline theme script by its hash; nothing else inline.
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((x) => `'sha256-${createHash('sha256').update(x[1]!, 'utf8').digest('base64')}'`);
  expect(inline.length).toBeGreaterThan(0);
  expect(m.get('script-src')).toEqual(["'self'", ...inline]);
  expect(m.get('object-src')).toEqual(["'none'"]);
  expect(m.get('base-uri')).toEqual(["'none'"]);
  expect(m.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:*', 'ws://localhost:*']);
  expect(m.get('worker-src')).toEqual(["'self'"]);
  expect(m.get('frame-src')).toEqual(["'self'"]);
  expect(m.has('frame-ancestors'), 'frame-ancestors is ignored in a meta tag').toBe(false);

  const header = response.headers()['content-security-policy'];
  expect(header, 'a CSP header from the server').toBeTruthy();
  const h = directives(header!);
  expect(h.get('frame-ancestors')).toEqual(["'self'"]);
  h.delete('frame-ancestors');
  expect(h).toEqual(m);
  // Scripts and other HTML pages do not get the page's policy (a worker's policy is its own).
  const script = /<script type="module" crossorigin src="\.\/([^"]+)"/.exec(html)?.[1];
  expect(script).toBeTruthy();
  expect((await request.get(`./${script}`)).headers()['content-security-policy']).toBeUndefined();

  // The theme script still runs before first paint.
  await page.goto('./');
  await page.evaluate(() => localStorage.setItem('streamlab:prefs', JSON.stringify({ app: 'streamlab', slice: 'preferences', version: 1, data: { theme: 'dark' } })));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the policy blocks injected scripts and connections to other sites, and allows the live view its WebSocket', async ({ page, cspViolations }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const w = window as unknown as { __injected?: boolean };
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.head.append(s);
    let fetched = true;
    try {
      await fetch('https://example.com/');
    } catch {
      fetched = false;
    }
    const wsBlocked = (url: string) =>
      new Promise<boolean>((resolve) => {
        const onViolation = (e: SecurityPolicyViolationEvent) => {
          if (e.blockedURI.startsWith(url.replace(/\/$/, ''))) resolve(true);
        };
        document.addEventListener('securitypolicyviolation', onViolation);
        try {
          const ws = new WebSocket(url);
          ws.onerror = () => undefined;
          setTimeout(() => {
            ws.close();
            resolve(false);
          }, 1000);
        } catch {
          resolve(true);
        }
      });
    const sameHost = `ws://${location.host}/live`;
    return {
      injected: w.__injected === true,
      fetched,
      otherWs: await wsBlocked('ws://example.com/'),
      sameWs: await wsBlocked(sameHost),
      // a broker on this machine at another port (npm run broker)
      loopbackWs: await wsBlocked('ws://localhost:9/live'),
    };
  });
  expect(outcome).toEqual({ injected: false, fetched: false, otherWs: true, sameWs: false, loopbackWs: false });
  // Each blocked attempt was reported (and none for the page's own WebSocket).
  await expect.poll(() => cspViolations.join('\n')).toMatch(/script-src/);
  expect(cspViolations.join('\n')).toMatch(/connect-src.*example\.com/);
  expect(cspViolations.join('\n')).not.toMatch(new RegExp(`connect-src blocked ws://${new URL(page.url()).host}`));
  cspViolations.length = 0;
});
