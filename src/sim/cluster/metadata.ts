/**
 * Lookups by name over the state (what Kafka's MetadataCache answers for a broker): a topic, its
 * index (which decides replica placement) and a group.
 */
import type { GroupState, SimState, TopicState } from '../state.ts';

export function topicOf(state: SimState, name: string): TopicState {
  for (const t of state.topics) if (t.name === name) return t;
  throw new Error(`unknown topic "${name}"`);
}

export function topicIndexOf(state: SimState, name: string): number {
  return state.topics.findIndex((t) => t.name === name);
}

export function groupOf(state: SimState, id: string): GroupState | undefined {
  for (const g of state.groups) if (g.id === id) return g;
  return undefined;
}
