import type { ComponentType } from 'react';

/** Props every interactive receives, embedded in a lesson or on its own page (/try/<id>). */
export interface InteractiveProps {
  /** A scenario id from content/scenarios, when the lesson asks for one. */
  scenario: string | null;
  caption: string | null;
  /** true inside a lesson (reduced controls), false on its own page. */
  embedded: boolean;
}

export interface InteractiveMeta {
  id: string;
  title: string;
  /** One or two sentences: what a learner can do with it. */
  description: string;
}

export interface InteractiveEntry extends InteractiveMeta {
  Component: ComponentType<InteractiveProps>;
}
