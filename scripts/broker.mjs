// npm run broker: the simulated Kafka cluster for real clients, and its live view (#/live).
// Builds the site when dist/ is missing or older than the sources, bundles the broker for Node
// (src/broker/node/main.ts) with Vite, then runs it with the command-line arguments.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const wantsLive = !args.includes('--no-live') && !args.includes('--help') && !args.includes('-h');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const index = path.join(root, 'dist', 'index.html');
if (wantsLive && (!existsSync(index) || statSync(index).mtimeMs < Math.max(newest(path.join(root, 'src')), newest(path.join(root, 'content'))))) {
  console.log('Building the module for the live view (once; later runs reuse dist/)...');
  await build({ root, logLevel: 'error' });
}
const outDir = path.join(root, 'node_modules', '.streamlab-broker');
await build({
  root,
  logLevel: 'error',
  configFile: false,
  build: { ssr: path.join(root, 'src/broker/node/main.ts'), outDir, emptyOutDir: true, target: 'node20', minify: false, rollupOptions: { output: { entryFileNames: 'main.mjs' } } },
  ssr: { noExternal: [], external: ['ws', 'kafkajs'] },
});
const { main } = await import(pathToFileURL(path.join(outDir, 'main.mjs')).href);
await main(args, path.join(root, 'dist'));
process.exit(process.exitCode ?? 0);
