import { lazy, type ComponentType } from 'react';
import type { InteractiveEntry, InteractiveMeta, InteractiveProps } from './types';

// Each interactive lives in its own folder: src/interactives/<id>/meta.ts (small, loaded eagerly)
// and src/interactives/<id>/index.tsx (its code, loaded only when a page shows it). Adding a folder
// registers it; nothing else needs editing.
const metas = import.meta.glob<InteractiveMeta>('./*/meta.ts', { eager: true, import: 'meta' });
const loaders = import.meta.glob<{ default: ComponentType<InteractiveProps> }>('./*/index.tsx');

const byId = new Map<string, InteractiveEntry>();
for (const [path, meta] of Object.entries(metas)) {
  const folder = path.split('/')[1];
  const load = loaders[`./${folder}/index.tsx`];
  if (!load || folder !== meta.id) continue;
  byId.set(meta.id, { ...meta, Component: lazy(load) });
}

/**
 * The interactive with this id, or undefined. Ids come from URLs (`#/try/<id>`), so the lookup is
 * a Map: names such as `constructor` or `__proto__` are unknown ids, not Object's own members.
 */
export function interactiveById(id: string): InteractiveEntry | undefined {
  return byId.get(id);
}

/** Every registered interactive by id (a null-prototype object; prefer `interactiveById`). */
export const interactives: Readonly<Record<string, InteractiveEntry>> = Object.assign(Object.create(null) as Record<string, InteractiveEntry>, Object.fromEntries(byId));

/**
 * Interactive ids that lessons may place. Each is either built (registered above) or still being
 * built, in which case its slot renders nothing. The content tests check every lesson slot is here.
 */
export const knownInteractiveIds = [
  'messaging-models',
  'partition-visualiser',
  'delivery-guarantees',
  'backpressure',
  'backpressure-chain',
  'quiz-self-check',
  'lab',
] as const;
