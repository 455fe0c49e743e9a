/**
 * Produce: each partition's record batch is checked as Kafka checks it (this broker must lead the
 * partition; one batch of magic 2 with a good CRC; no larger than message.max.bytes; a supported
 * compression; sequence numbers in order for an idempotent producer) and appended through the
 * simulator's producer/send. acks=0 gets no response (and a connection closed on error, as Kafka
 * does, so that the client notices); acks=1 and acks=all answer with the offsets, or with the
 * simulator's error (NOT_ENOUGH_REPLICAS when the ISR is below min.insync.replicas for acks=all).
 */
import { SimActionError, type SendRecord } from '../../../sim/index.ts';
import { ERR, type ErrorName } from '../../protocol/errors.ts';
import { BatchError, decodeBatches, isTransactional, type RecordBatch } from '../../records/batch.ts';
import type { KafkaCluster } from '../cluster.ts';
import { bytesToSim } from '../payload.ts';
import { findTopic } from '../simRead.ts';
import { NO_RESPONSE, type Handler, type RequestContext } from './types.ts';

interface ProduceReq {
  transactionalId: string | null;
  acks: number;
  timeoutMs: number;
  topicData: { name: string; partitionData: { index: number; records: Uint8Array | null }[] }[];
}

interface PartitionResult {
  index: number;
  errorCode: number;
  baseOffset: number;
  logAppendTimeMs: number;
  logStartOffset: number;
}

/** The Kafka error code of a simulator send failure (its own names, or Kafka's). */
export function sendErrorCode(error: string): number {
  switch (error) {
    case 'not-enough-replicas':
      return ERR.NOT_ENOUGH_REPLICAS;
    case 'partition-offline':
      return ERR.NOT_LEADER_OR_FOLLOWER;
    // the leader's broker is down but not yet fenced, or acks=all waits for a stopped in-sync follower
    case 'request-timed-out':
      return ERR.REQUEST_TIMED_OUT;
    case 'out-of-order-sequence':
      return ERR.OUT_OF_ORDER_SEQUENCE_NUMBER;
    case 'invalid-producer-epoch':
      return ERR.INVALID_PRODUCER_EPOCH;
    case 'unknown-producer-id':
      return ERR.UNKNOWN_PRODUCER_ID;
    default: {
      const code = (ERR as Record<string, number>)[error as ErrorName];
      return code ?? ERR.UNKNOWN_SERVER_ERROR;
    }
  }
}

function toSimRecords(batch: RecordBatch, partition: number): SendRecord[] {
  return batch.records.map((r) => {
    const fields = bytesToSim(r.key, r.value, r.headers);
    const rec: SendRecord = { ...fields, partition, timestampMs: batch.baseTimestamp + r.timestampDelta };
    return rec;
  });
}

function appendBatch(cluster: KafkaCluster, brokerId: number, topic: string, index: number, records: Uint8Array | null, acks: number): PartitionResult {
  const res = (errorCode: number, baseOffset = -1, logStartOffset = -1): PartitionResult => ({ index, errorCode, baseOffset, logAppendTimeMs: -1, logStartOffset });
  const t = findTopic(cluster.sim, topic);
  const P = t?.partitions[index];
  if (!t || !P) return res(ERR.UNKNOWN_TOPIC_OR_PARTITION);
  if (P.leader !== brokerId) return res(ERR.NOT_LEADER_OR_FOLLOWER);
  if (!records || records.length === 0) return res(ERR.CORRUPT_MESSAGE);
  let batches: RecordBatch[];
  try {
    batches = decodeBatches(records);
  } catch (e) {
    if (e instanceof BatchError) {
      cluster.log(`broker ${brokerId}: produce to ${topic}-${index} refused: ${e.message}`);
      return res(e.code);
    }
    throw e;
  }
  // since Produce v3, one batch per partition (Kafka's ProduceRequest.validateRecords)
  if (batches.length !== 1) return res(ERR.INVALID_RECORD);
  const batch = batches[0]!;
  if (records.length > cluster.config.messageMaxBytes) return res(ERR.MESSAGE_TOO_LARGE);
  if (isTransactional(batch.attributes)) return res(ERR.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
  if (batch.records.length === 0) return res(ERR.NONE, P.logEnd, P.logStart);
  const idempotent = batch.producerId >= 0;
  try {
    const r = cluster.act({
      type: 'producer/send',
      topic,
      records: toSimRecords(batch, index),
      acks: acks === 0 ? '0' : acks === 1 ? '1' : 'all',
      ...(idempotent ? { producer: { producerId: batch.producerId, producerEpoch: batch.producerEpoch, baseSequence: batch.baseSequence } } : {}),
    });
    const sent = r.sent ?? [];
    const first = sent[0];
    if (!first) return res(ERR.UNKNOWN_SERVER_ERROR);
    if ('error' in first) return res(sendErrorCode(first.error));
    return res(ERR.NONE, first.offset, P.logStart);
  } catch (e) {
    if (e instanceof SimActionError) {
      cluster.log(`broker ${brokerId}: produce to ${topic}-${index} refused by the simulator: ${e.message}`);
      return res(ERR.INVALID_RECORD);
    }
    throw e;
  }
}

export const handleProduce: Handler = (ctx: RequestContext, req: ProduceReq) => {
  const { cluster, brokerId } = ctx;
  const acks = req.acks;
  const validAcks = acks === -1 || acks === 0 || acks === 1;
  let anyError = false;
  const responses = req.topicData.map((td) => ({
    name: td.name,
    partitionResponses: td.partitionData.map((pd) => {
      let r: PartitionResult;
      if (!validAcks) r = { index: pd.index, errorCode: ERR.INVALID_REQUIRED_ACKS, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 };
      else if (req.transactionalId !== null) r = { index: pd.index, errorCode: ERR.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 };
      else r = appendBatch(cluster, brokerId, td.name, pd.index, pd.records, acks);
      if (r.errorCode !== ERR.NONE) anyError = true;
      return r;
    }),
  }));
  if (acks === 0) {
    // Kafka sends nothing for acks=0; on an error it closes the connection so that the client refreshes metadata
    if (anyError) ctx.connection.close();
    return NO_RESPONSE;
  }
  return { responses, throttleTimeMs: 0 };
};
