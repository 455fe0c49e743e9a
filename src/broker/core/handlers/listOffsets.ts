/**
 * ListOffsets: the earliest (-2) offset is the log start, the latest (-1) is the high watermark
 * (what a read_uncommitted consumer may read); any other timestamp gives the first offset whose
 * record timestamp is at or after it, or -1 when there is none (Kafka's offsetsForTimes).
 */
import { partitionRecords } from '../../../sim/index.ts';
import { ERR } from '../../protocol/errors.ts';
import type { KafkaCluster } from '../cluster.ts';
import { findTopic, highWatermark } from '../simRead.ts';
import type { Handler } from './types.ts';

export const EARLIEST_TIMESTAMP = -2;
export const LATEST_TIMESTAMP = -1;

interface ListOffsetsReq {
  replicaId: number;
  isolationLevel: number;
  topics: { name: string; partitions: { partitionIndex: number; timestamp: number }[] }[];
}

/** First offset in [from, to) whose record timestamp is >= ts, with that timestamp; null when none. */
export function offsetForTimestamp(cluster: KafkaCluster, topic: string, partition: number, from: number, to: number, ts: number): { offset: number; timestamp: number } | null {
  const CHUNK = 1024;
  for (let at = from; at < to; at += CHUNK) {
    for (const r of partitionRecords(cluster.sim, topic, partition, at, Math.min(CHUNK, to - at))) {
      const t = r.timestampMs ?? cluster.epochAt(r.producedAtMs ?? 0);
      if (t >= ts) return { offset: r.offset, timestamp: t };
    }
  }
  return null;
}

export const handleListOffsets: Handler = (ctx, req: ListOffsetsReq) => {
  const { cluster, brokerId } = ctx;
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        const res = (errorCode: number, offset = -1, timestamp = -1) => ({ partitionIndex: p.partitionIndex, errorCode, timestamp, offset });
        const P = findTopic(cluster.sim, t.name)?.partitions[p.partitionIndex];
        if (!P) return res(ERR.UNKNOWN_TOPIC_OR_PARTITION);
        if (P.leader !== brokerId) return res(ERR.NOT_LEADER_OR_FOLLOWER);
        const hw = highWatermark(P);
        if (p.timestamp === EARLIEST_TIMESTAMP) return res(ERR.NONE, P.logStart);
        if (p.timestamp === LATEST_TIMESTAMP) return res(ERR.NONE, hw);
        const hit = offsetForTimestamp(cluster, t.name, p.partitionIndex, P.logStart, hw, p.timestamp);
        return hit ? res(ERR.NONE, hit.offset, hit.timestamp) : res(ERR.NONE);
      }),
    })),
  };
};
