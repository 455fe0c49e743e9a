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


/** Reading and playing time for the whole module, in minutes (labs apart: see labMinutes). */
export const totalMinutes = sections.reduce((sum, s: LessonFrontMatter) => (s.kind === 'lab' ? sum : sum + s.minutes), 0);

/** Time the module's hands-on labs take, in minutes. */
export const labMinutes = sections.reduce((sum, s: LessonFrontMatter) => (s.kind === 'lab' ? sum + s.minutes : sum), 0);

/** "45 min", "1 h", "1 h 30 min" */
export function formatMinutes(min: number): string {
  const h = Math.floor(min / 60);
  const m = min % 60;
  return h ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
}
