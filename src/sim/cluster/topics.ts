/**
 * Topic creation and replica placement (what Kafka's controller does for CreateTopics): partition
 * p of the topic at index ti gets replicas [(p+ti) % n, (p+ti+1) % n, ...] on n brokers; the first
 * is the preferred leader.
 */
import type { PartitionState, SimState, TopicState } from '../state.ts';
import type { TopicConfig } from '../types.ts';

/** A topic's state with its partitions placed on the brokers (topic index ti decides the placement). */
export function newTopic(state: SimState, t: Required<TopicConfig>, ti: number): TopicState {
  const topic: TopicState = {
    name: t.name,
    replicationFactor: t.replicationFactor,
    retentionMs: t.retentionMs,
    retentionBytes: t.retentionBytes,
    minInsyncReplicas: t.minInsyncReplicas,
    partitions: [],
    produced: 0,
    failed: 0,
    producedSinceSample: 0,
    failedSinceSample: 0,
    series: { t: [], inPerSec: [], failedPerSec: [] },
  };
  for (let p = 0; p < t.partitions; p++) topic.partitions.push(newPartition(state, ti, p, t.replicationFactor));
  return topic;
}

export function newPartition(state: SimState, topicIndex: number, p: number, rf: number): PartitionState {
  const n = state.brokers.length;
  const replicas: number[] = [];
  for (let i = 0; i < rf; i++) replicas.push((p + topicIndex + i) % n);
  const isr = replicas.filter((b) => state.brokers[b]!.up);
  const leader = isr.length ? isr[0]! : -1;
  return {
    id: p,
    replicas,
    isr: isr.length ? isr : [replicas[0]!],
    leader,
    logStart: 0,
    logEnd: 0,
    hw: 0,
    lagging: [],
    recent: { keys: [], users: [], at: [] },
    track: { base: 0, entity: [], seq: [] },
    poison: [],
    poisonNext: false,
    timeIndex: { t: [state.timeMs], o: [0] },
  };
}
