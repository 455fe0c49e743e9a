import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { parse as parseYaml } from 'yaml';
import { compileLesson, parseGlossary, parseManifest } from './content/compile.ts';

/**
 * Turns content files into plain data modules at build time, so the browser never ships a
 * Markdown parser: `content/lessons/*.md` become compiled trees, `*.yaml` become JSON.
 * Schema problems fail the build with the file and line.
 */
export function contentPlugin(): Plugin {
  const root = resolve(import.meta.dirname, '..');
  const glossaryPath = resolve(root, 'content/glossary.yaml');
  const VIRTUAL = 'virtual:streamlab/lesson-index';
  return {
    name: 'streamlab-content',
    enforce: 'pre',
    resolveId(id) {
      return id === VIRTUAL ? `\0${VIRTUAL}` : null;
    },
    load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      // The table of contents: every manifest entry's front matter, in order, without bodies,
      // so the home page and navigation never load a lesson they do not show.
      const manifestPath = resolve(root, 'content/manifest.yaml');
      this.addWatchFile(manifestPath);
      this.addWatchFile(glossaryPath);
      const manifest = parseManifest(readFileSync(manifestPath, 'utf8'));
      const glossary = parseGlossary(readFileSync(glossaryPath, 'utf8'));
      const sections = manifest.sections.map((sectionId) => {
        const path = resolve(root, `content/lessons/${sectionId}.md`);
        if (!existsSync(path)) throw new Error(`content/manifest.yaml lists "${sectionId}" but content/lessons/${sectionId}.md does not exist`);
        this.addWatchFile(path);
        return compileLesson(readFileSync(path, 'utf8'), `content/lessons/${sectionId}.md`, glossary).meta;
      });
      return `export const moduleInfo = ${JSON.stringify(manifest.module)};\nexport const sections = ${JSON.stringify(sections)};`;
    },
    transform(code, id) {
      // `?raw` and other queried imports (e.g. a kit file offered for download) stay as they are.
      if (id.includes('?')) return null;
      const file = id;
      if (!file.startsWith(resolve(root, 'content'))) return null;
      const rel = file.slice(root.length + 1);
      if (file.endsWith('.md') && file.includes('/content/lessons/')) {
        this.addWatchFile(glossaryPath);
        const glossary = parseGlossary(readFileSync(glossaryPath, 'utf8'));
        const compiled = compileLesson(code, rel, glossary);
        return { code: `export default ${JSON.stringify(compiled)};`, map: null };
      }
      if (file.endsWith('manifest.yaml')) return { code: `export default ${JSON.stringify(parseManifest(code, rel))};`, map: null };
      if (file.endsWith('glossary.yaml')) return { code: `export default ${JSON.stringify(parseGlossary(code, rel))};`, map: null };
      if (file.endsWith('.yaml') || file.endsWith('.yml')) return { code: `export default ${JSON.stringify(parseYaml(code))};`, map: null };
      return null;
    },
  };
}
