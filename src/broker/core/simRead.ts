/**
 * Read-only access to the simulation for the handlers: topics and partitions by name, and the
 * offsets Kafka's responses carry. Reads only; every change goes through an action.
 */
import type { SimState } from '../../sim/index.ts';

type TopicOf = SimState['topics'][number];
type PartitionOf = TopicOf['partitions'][number];

export function findTopic(sim: SimState, name: string): TopicOf | undefined {
  for (const t of sim.topics) if (t.name === name) return t;
  return undefined;
}

export function findPartition(sim: SimState, topic: string, partition: number): PartitionOf | undefined {
  return findTopic(sim, topic)?.partitions[partition];
}

/**
 * The high watermark: the offset up to which records are replicated to every in-sync replica and
 * visible to consumers (Kafka's `Partition.highWatermark`, kept by the simulation's replica manager).
 */
export function highWatermark(P: PartitionOf): number {
  return P.hw;
}

/** Kafka's legal topic names: [a-zA-Z0-9._-], 1..249 characters, not "." or "..". */
export function topicNameProblem(name: string): string | null {
  if (name.length === 0) return 'the topic name is empty';
  if (name === '.' || name === '..') return `"${name}" is not a legal topic name`;
  if (name.length > 249) return 'topic names are at most 249 characters';
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) return `topic "${name}" has characters other than ASCII letters, digits, ".", "_" and "-"`;
  return null;
}
