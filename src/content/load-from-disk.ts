// Node-only helpers for tests and scripts: read and compile every content file from disk.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileLesson, parseGlossary, parseManifest } from '../../vite-plugins/content/compile';
import type { CompiledLesson, GlossaryEntry, Manifest } from './schema';

export const contentRoot = resolve(import.meta.dirname, '../../content');

export interface LoadedContent {
  manifest: Manifest;
  glossary: GlossaryEntry[];
  lessons: Map<string, CompiledLesson>;
  lessonFiles: string[];
}

export function loadContentFromDisk(): LoadedContent {
  const manifest = parseManifest(readFileSync(resolve(contentRoot, 'manifest.yaml'), 'utf8'));
  const glossary = parseGlossary(readFileSync(resolve(contentRoot, 'glossary.yaml'), 'utf8'));
  const lessonFiles = readdirSync(resolve(contentRoot, 'lessons')).filter((f) => f.endsWith('.md'));
  const lessons = new Map<string, CompiledLesson>();
  for (const id of manifest.sections) {
    const path = resolve(contentRoot, 'lessons', `${id}.md`);
    if (!existsSync(path)) continue;
    lessons.set(id, compileLesson(readFileSync(path, 'utf8'), `content/lessons/${id}.md`, glossary));
  }
  return { manifest, glossary, lessons, lessonFiles };
}

export function scenarioIdsOnDisk(): string[] {
  const dir = resolve(contentRoot, 'scenarios');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
}
