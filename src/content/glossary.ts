import glossaryEntries from '../../content/glossary.yaml';
import type { GlossaryEntry } from './schema';

// Kept apart from ./index so the home page does not load every definition.
export const glossary: GlossaryEntry[] = glossaryEntries;
const glossaryById = new Map(glossary.map((g) => [g.id, g]));

export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return glossaryById.get(id);
}
