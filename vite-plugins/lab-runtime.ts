import { resolve } from 'node:path';
import { build, type Plugin, type Rolldown } from 'vite';

/**
 * `virtual:streamlab/lab-runtime`: the lab sandbox's runtime (src/lab/sandbox/main.ts and what it
 * imports) bundled into one self-contained, minified IIFE, exported as a string. The page appends
 * it to the learner's compiled files to make the sandbox's worker script (src/lab/session/script.ts),
 * so the sandbox loads nothing by URL and its CSP can refuse every request. The same bundle is
 * made for `vite dev`, `vite build` and Vitest.
 */
export function labRuntimePlugin(): Plugin {
  const root = resolve(import.meta.dirname, '..');
  const entry = resolve(root, 'src/lab/sandbox/main.ts');
  const VIRTUAL = 'virtual:streamlab/lab-runtime';
  return {
    name: 'streamlab-lab-runtime',
    resolveId(id) {
      return id === VIRTUAL ? `\0${VIRTUAL}` : null;
    },
    async load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      const out = await build({
        configFile: false,
        root,
        logLevel: 'warn',
        publicDir: false,
        build: {
          write: false,
          target: 'es2022',
          minify: true,
          sourcemap: false,
          emptyOutDir: false,
          copyPublicDir: false,
          lib: { entry, formats: ['iife'], name: 'streamlabLabRuntime', fileName: () => 'lab-runtime.js' },
        },
      });
      const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
      const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
      if (!chunk || chunk.type !== 'chunk') throw new Error('lab runtime: the bundle produced no code');
      for (const m of chunk.moduleIds) if (!m.startsWith('\0')) this.addWatchFile(m);
      return `export default ${JSON.stringify(chunk.code)};`;
    },
  };
}
