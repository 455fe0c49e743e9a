/**
 * Where "Continue" on the home page goes: the first section, in the module's order, that the
 * learner has not completed, whatever they looked at last (a glance ahead at a later section does
 * not skip the ones still to do). Null when every section is completed.
 */
export function nextUnfinished<T extends { id: string }>(sections: readonly T[], completed: Readonly<Record<string, true>>): T | null {
  return sections.find((s) => !completed[s.id]) ?? null;
}
