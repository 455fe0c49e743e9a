// Finds a Chromium for the end-to-end tests, or gets one, or says exactly how to get one.
// Order: $STREAMLAB_CHROMIUM (or $CHROMIUM_PATH), Debian's /usr/lib/chromium/chromium,
// Playwright's own downloaded browser; if none: Playwright's download where the network allows,
// else Debian's `chromium` package when running as root.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEBIAN = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

async function playwrightOwn() {
  try {
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

export async function locateChromium() {
  for (const name of ['STREAMLAB_CHROMIUM', 'CHROMIUM_PATH']) {
    const p = process.env[name];
    if (p) {
      if (existsSync(p)) return p;
      throw new Error(`${name} is set to "${p}", but no file is there.`);
    }
  }
  for (const p of DEBIAN) if (existsSync(p)) return p;
  return playwrightOwn();
}

export async function ensureChromium({ log = console.log } = {}) {
  const found = await locateChromium();
  if (found) return found;

  log('No Chromium found. Trying Playwright\'s own download (npx playwright install chromium)...');
  const dl = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', timeout: 300_000 });
  if (dl.status === 0) {
    const p = await playwrightOwn();
    if (p) return p;
  }

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log("Playwright's download is not available here. Installing Debian's chromium package (apt-get install -y chromium)...");
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } catch {
      /* reported below */
    }
    for (const p of DEBIAN) if (existsSync(p)) return p;
  }

  throw new Error(
    [
      'No Chromium is available for the end-to-end tests. Any one of these fixes it:',
      '  - Debian/Ubuntu:  sudo apt-get install -y chromium',
      '  - with network:   npx playwright install chromium',
      '  - your own:       STREAMLAB_CHROMIUM=/path/to/chrome-or-chromium npm test',
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureChromium()
    .then((p) => console.log(p))
    .catch((e) => {
      console.error(e.message);
      process.exit(1);
    });
}
