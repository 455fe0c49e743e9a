// `npm start` builds, then serves dist/ with Vite's preview server and prints the URL.
import { preview } from 'vite';

const port = Number(process.env.PORT) || 4173;
const server = await preview({ preview: { port, host: process.env.HOST || '127.0.0.1', strictPort: false, open: false } });
const url = server.resolvedUrls?.local?.[0] ?? `http://127.0.0.1:${port}/`;
console.log(`\nStreamlab is running at ${url}\nPress Ctrl+C to stop.`);
