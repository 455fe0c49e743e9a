import { moduleInfo, sections } from 'virtual:streamlab/lesson-index';
import type { CompiledLesson, GlossaryEntry, LessonFrontMatter } from './schema';

export { moduleInfo, sections };
export type { CompiledLesson, GlossaryEntry, LessonFrontMatter };

// Each lesson body is its own chunk, loaded when its route opens.
const lessonLoaders = import.meta.glob<CompiledLesson>('../../content/lessons/*.md', { import: 'default' });

export function sectionIndex(id: string): number {
  return sections.findIndex((s) => s.id === id);
}

export function loadLesson(id: string): Promise<CompiledLesson> | null {
  const loader = lessonLoaders[`../../content/lessons/${id}.md`];
  return loader ? loader() : null;
}


/** Reading and playing time for the whole module, in minutes. */
export const totalMinutes = sections.reduce((sum, s: LessonFrontMatter) => sum + s.minutes, 0);
