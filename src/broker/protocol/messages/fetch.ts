/** Fetch (API key 1). Kafka 4.0's oldest is v4 (KIP-896); KafkaJS 2.2.4 and librdkafka 2.0 both ask for v11. */
import { f, message } from '../schema.ts';

export const fetchRequest = message('FetchRequest', 1, '4-11', '12+', [
  f.int32('replicaId', '0-14', { default: -1 }),
  f.int32('maxWaitMs', '0+'),
  f.int32('minBytes', '0+'),
  f.int32('maxBytes', '3+', { default: 0x7fffffff }),
  f.int8('isolationLevel', '4+'),
  f.int32('sessionId', '7+'),
  f.int32('sessionEpoch', '7+', { default: -1 }),
  f.array('topics', '0+', [
    f.string('topic', '0-12'),
    f.array('partitions', '0+', [
      f.int32('partition', '0+'),
      f.int32('currentLeaderEpoch', '9+', { default: -1 }),
      f.int64('fetchOffset', '0+'),
      f.int64('logStartOffset', '5+', { default: -1 }),
      f.int32('partitionMaxBytes', '0+'),
    ]),
  ]),
  f.array('forgottenTopicsData', '7+', [f.string('topic', '7-12'), f.list('partitions', '7+', 'int32')]),
  f.string('rackId', '11+'),
]);

export const fetchResponse = message('FetchResponse', 1, '4-11', '12+', [
  f.int32('throttleTimeMs', '1+'),
  f.int16('errorCode', '7+'),
  f.int32('sessionId', '7+'),
  f.array('responses', '0+', [
    f.string('topic', '0-12'),
    f.array('partitions', '0+', [
      f.int32('partitionIndex', '0+'),
      f.int16('errorCode', '0+'),
      f.int64('highWatermark', '0+'),
      f.int64('lastStableOffset', '4+', { default: -1 }),
      f.int64('logStartOffset', '5+', { default: -1 }),
      f.narray('abortedTransactions', '4+', [f.int64('producerId', '4+'), f.int64('firstOffset', '4+')], { nullable: '4+' }),
      f.int32('preferredReadReplica', '11+', { default: -1 }),
      f.records('records', '0+'),
    ]),
  ]),
]);
