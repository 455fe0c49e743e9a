import { resolve } from 'node:path';
import { build, type Plugin, type Rolldown } from 'vite';

const root = resolve(import.meta.dirname, '..');
const nodeStandIns = resolve(root, 'src/lab/sandbox/node');

/**
 * Where Node's built-in modules come from in the sandbox's bundles (KafkaJS asks for them): the
 * `buffer` and `events` packages resolve as they are; the few functions KafkaJS uses of `util`,
 * `zlib` (gzip on fflate) and `assert` are in src/lab/sandbox/node/; `net`, `tls` and `crypto`
 * say that the lab has no network (KafkaJS gets its sockets from the lab's socketFactory).
 */
export const SANDBOX_NODE_ALIASES: Record<string, string> = {
  util: resolve(nodeStandIns, 'util.ts'),
  zlib: resolve(nodeStandIns, 'zlib.ts'),
  assert: resolve(nodeStandIns, 'assert.ts'),
  net: resolve(nodeStandIns, 'unavailable.ts'),
  tls: resolve(nodeStandIns, 'unavailable.ts'),
  crypto: resolve(nodeStandIns, 'unavailable.ts'),
};

/**
 * Bundles a sandbox entry (and everything it imports) into one self-contained, minified IIFE for
 * a browser worker, with Node's built-ins replaced as SANDBOX_NODE_ALIASES says.
 * @param entry absolute path of the entry module
 * @param name the global the IIFE assigns the entry's exports to
 * @returns the script and the files it was built from
 */
export async function bundleForSandbox(entry: string, name: string): Promise<{ code: string; files: string[] }> {
  const out = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    resolve: { alias: SANDBOX_NODE_ALIASES },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      emptyOutDir: false,
      copyPublicDir: false,
      lib: { entry, formats: ['iife'], name, fileName: () => `${name}.js` },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`${name}: the bundle produced no code`);
  return { code: chunk.code, files: chunk.moduleIds.filter((m) => !m.startsWith('\0')) };
}

/**
 * `virtual:streamlab/lab-runtime`: the lab sandbox's runtime (src/lab/sandbox/main.ts and what it
 * imports) bundled into one self-contained, minified IIFE, exported as a string. The page appends
 * it to the learner's compiled files to make the sandbox's worker script (src/lab/session/script.ts),
 * so the sandbox loads nothing by URL and its CSP can refuse every request. The same bundle is
 * made for `vite dev`, `vite build` and Vitest.
 */
export function labRuntimePlugin(): Plugin {
  const entry = resolve(root, 'src/lab/sandbox/main.ts');
  const VIRTUAL = 'virtual:streamlab/lab-runtime';
  return {
    name: 'streamlab-lab-runtime',
    resolveId(id) {
      return id === VIRTUAL ? `\0${VIRTUAL}` : null;
    },
    async load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      const { code, files } = await bundleForSandbox(entry, 'streamlabLabRuntime');
      for (const m of files) this.addWatchFile(m);
      return `export default ${JSON.stringify(code)};`;
    },
  };
}
