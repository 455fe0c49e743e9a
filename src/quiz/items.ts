import { sections } from '../content';
import { quizItemSchema, type QuizItem } from './schema';

// Every quiz item, read from content/quiz/*.yaml (turned into JSON at build time) and checked
// against the schema here, so a bad file is reported instead of breaking the page.
const files = import.meta.glob<unknown>('../../content/quiz/*.yaml', { eager: true, import: 'default' });

export interface LoadedItems {
  items: QuizItem[];
  byId: Map<string, QuizItem>;
  problems: string[];
}

const sectionOrder = new Map(sections.map((s, i) => [s.id, i]));

export function sectionTitle(id: string): string {
  return sections.find((s) => s.id === id)?.title ?? id;
}

/** Validates raw file contents ({ path: array of items }) into items in module order. */
export function parseItems(raw: Record<string, unknown>): LoadedItems {
  const items: QuizItem[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [path, data] of Object.entries(raw).sort(([a], [b]) => a.localeCompare(b))) {
    const name = path.split('/').pop();
    if (!Array.isArray(data)) {
      problems.push(`${name}: expected a list of quiz items`);
      continue;
    }
    data.forEach((entry, i) => {
      const r = quizItemSchema.safeParse(entry);
      if (!r.success) {
        problems.push(`${name} item ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
        return;
      }
      if (seen.has(r.data.id)) {
        problems.push(`${name}: item id "${r.data.id}" is used twice`);
        return;
      }
      if (!sectionOrder.has(r.data.section)) {
        problems.push(`${name}: item "${r.data.id}" names unknown section "${r.data.section}"`);
        return;
      }
      seen.add(r.data.id);
      items.push(r.data);
    });
  }
  // module order: by lesson section, stable within a section
  items.sort((a, b) => sectionOrder.get(a.section)! - sectionOrder.get(b.section)!);
  return { items, byId: new Map(items.map((it) => [it.id, it])), problems };
}

let cache: LoadedItems | null = null;
export function loadItems(): LoadedItems {
  cache ??= parseItems(files);
  return cache;
}
