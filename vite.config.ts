import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentPlugin } from './vite-plugins/content.ts';
import { cspPlugin } from './vite-plugins/csp.ts';
import { labRuntimePlugin } from './vite-plugins/lab-runtime.ts';
import { lmsTarget, passMark } from './vite-plugins/lms/options.ts';
import { lmsPackagePlugin } from './vite-plugins/lms/plugin.ts';

// `npm run package` builds once per LMS target with STREAMLAB_LMS set (scorm12, scorm2004);
// the web build leaves it unset. An LMS package has no service worker: the LMS serves and updates
// its copy, and a worker registered inside an LMS frame would outlive the course version.
const lms = lmsTarget(process.env.STREAMLAB_LMS);
const mark = passMark(process.env.STREAMLAB_PASS_MARK);

// base './' keeps every asset URL relative, so the built site works from any sub-path
// (a course site such as https://example.edu/courses/streamlab/) without a rebuild.
export default defineConfig({
  base: './',
  define: {
    'import.meta.env.STREAMLAB_LMS': JSON.stringify(lms),
    'import.meta.env.STREAMLAB_PASS_MARK': JSON.stringify(mark),
  },
  plugins: [
    react(),
    contentPlugin(),
    labRuntimePlugin(),
    lmsPackagePlugin(lms, mark),
    cspPlugin(),
    VitePWA({
      disable: lms !== '',
      // Registered from src/pwa/register.ts after the page has loaded; updates wait for the learner.
      injectRegister: false,
      registerType: 'prompt',
      manifest: {
        id: './',
        name: 'Streamlab: event streaming and Kafka in production',
        short_name: 'Streamlab',
        description: 'An interactive module on event-driven architecture and Apache Kafka in production. Works offline once installed.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#fbfaf7',
        theme_color: '#1b3a5c',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // Everything the build emits, by pattern rather than by name, so every lesson, interactive,
        // worker and lab chunk (whatever their names become) is cached on the first visit.
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,webmanifest,json,txt,woff2,wasm}'],
        // the lab's bundled runtime is larger than Workbox's 2 MiB default
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        // Hash routing: every page is index.html, whatever sub-path the site is served from.
        navigateFallback: 'index.html',
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  worker: { format: 'es' },
});
