/** Helpers for "<topic>-<partition>" strings, the form Kafka's TopicPartition.toString() prints. */

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Splits "orders-3" into { topic: 'orders', partition: 3 }; topic names may contain '-'. */
export function parseTopicPartition(tp: string): TopicPartition {
  const dash = tp.lastIndexOf('-');
  const digits = dash >= 0 ? tp.slice(dash + 1) : '';
  if (dash <= 0 || !/^\d+$/.test(digits)) {
    throw new Error(`not a "<topic>-<partition>" string: ${JSON.stringify(tp)}`);
  }
  return { topic: tp.slice(0, dash), partition: Number(digits) };
}

export function formatTopicPartition(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/**
 * Java's String.compareTo order (UTF-16 code units), which is also what JavaScript's
 * relational operators use. Never localeCompare: it would not match Kafka's TreeSet/sort order.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Topic first, then partition number (numerically), like sorting TopicPartitions by (topic, partition). */
export function compareTopicPartitions(a: TopicPartition, b: TopicPartition): number {
  return compareStrings(a.topic, b.topic) || a.partition - b.partition;
}

/** Sorts "<topic>-<partition>" strings by topic, then partition number. */
export function sortPartitionStrings(list: string[]): string[] {
  return list
    .map((s) => ({ s, tp: parseTopicPartition(s) }))
    .sort((x, y) => compareTopicPartitions(x.tp, y.tp))
    .map((x) => x.s);
}
