/**
 * Topic deletion (Kafka's DeleteTopics): the topic, its partitions and records go; committed
 * offsets and idempotent-producer state for it go too (Kafka's coordinator drops the offsets of
 * deleted partitions). The simulator's own rate producers and consumer groups are configured for
 * one topic each, so a topic one of them uses cannot be deleted: the caller gets the reason.
 */
import { dropTopicOffsets } from '../coordinator/classicGroup/coordinator.ts';
import { dropTopicProducerState } from '../producer/idempotence.ts';
import type { SimState } from '../state.ts';

/** Why the topic cannot be deleted, or null when it can. */
export function topicDeletionRefusal(state: SimState, topic: string): string | null {
  if (!state.topics.some((t) => t.name === topic)) return `unknown topic "${topic}"`;
  const p = state.producers.find((x) => x.topic === topic);
  if (p) return `the simulated producer "${p.id}" writes to "${topic}"`;
  const g = state.groups.find((x) => x.topic === topic);
  if (g) return `the simulated group "${g.id}" reads "${topic}"`;
  return null;
}

export function deleteTopic(state: SimState, topic: string): void {
  state.topics = state.topics.filter((t) => t.name !== topic);
  dropTopicOffsets(state, topic);
  dropTopicProducerState(state, topic);
}
