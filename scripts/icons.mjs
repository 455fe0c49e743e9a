// Renders the app icons in public/ from public/favicon.svg with the Chromium the tests use:
// icon-192.png and icon-512.png (the rounded square, for the web app manifest), maskable-512.png
// (full-bleed background, the bars inside the central 80% safe zone that launchers may crop to a
// circle) and apple-touch-icon.png (180 px). Run `node scripts/icons.mjs` after changing the logo;
// the PNGs are committed, so building needs no image tools.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './find-chromium.mjs';

const pub = join(import.meta.dirname, '..', 'public');
const svg = readFileSync(join(pub, 'favicon.svg'), 'utf8');
// The maskable variant: same colours, square corners, bars scaled into the safe zone.
const background = svg.match(/<rect[^>]*fill="(#[0-9a-f]{3,6})"/i)?.[1] ?? '#1b3a5c';
const bars = svg.match(/<g[\s\S]*<\/g>/)?.[0] ?? '';
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${background}"/><g transform="translate(12.8 12.8) scale(0.6)">${bars}</g></svg>`;

const browser = await chromium.launch({ executablePath: await ensureChromium() });
const page = await browser.newPage();
for (const [file, source, size] of [
  ['icon-192.png', svg, 192],
  ['icon-512.png', svg, 512],
  ['maskable-512.png', maskable, 512],
  ['apple-touch-icon.png', maskable, 180],
]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${source.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.locator('svg').screenshot({ path: join(pub, file), omitBackground: true });
  console.log(`public/${file} (${size} px)`);
}
await browser.close();
