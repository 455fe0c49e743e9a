import { lazy, type ComponentType } from 'react';
import type { InteractiveEntry, InteractiveMeta, InteractiveProps } from './types';

// Each interactive lives in its own folder: src/interactives/<id>/meta.ts (small, loaded eagerly)
// and src/interactives/<id>/index.tsx (its code, loaded only when a page shows it). Adding a folder
// registers it; nothing else needs editing.
const metas = import.meta.glob<InteractiveMeta>('./*/meta.ts', { eager: true, import: 'meta' });
const loaders = import.meta.glob<{ default: ComponentType<InteractiveProps> }>('./*/index.tsx');

export const interactives: Record<string, InteractiveEntry> = {};
for (const [path, meta] of Object.entries(metas)) {
  const folder = path.split('/')[1];
  const load = loaders[`./${folder}/index.tsx`];
  if (!load || folder !== meta.id) continue;
  interactives[meta.id] = { ...meta, Component: lazy(load) };
}

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
