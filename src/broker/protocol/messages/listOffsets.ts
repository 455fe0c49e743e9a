/** ListOffsets (API key 2). Kafka 4.0's oldest is v1 (KIP-896); librdkafka 2.0 asks for v2, KafkaJS 2.2.4 for v3. */
import { f, message } from '../schema.ts';

export const listOffsetsRequest = message('ListOffsetsRequest', 2, '1-3', '6+', [
  f.int32('replicaId', '0+'),
  f.int8('isolationLevel', '2+'),
  f.array('topics', '0+', [
    f.string('name', '0+'),
    f.array('partitions', '0+', [f.int32('partitionIndex', '0+'), f.int32('currentLeaderEpoch', '4+', { default: -1 }), f.int64('timestamp', '0+')]),
  ]),
]);

export const listOffsetsResponse = message('ListOffsetsResponse', 2, '1-3', '6+', [
  f.int32('throttleTimeMs', '2+'),
  f.array('topics', '0+', [
    f.string('name', '0+'),
    f.array('partitions', '0+', [
      f.int32('partitionIndex', '0+'),
      f.int16('errorCode', '0+'),
      f.int64('timestamp', '1+', { default: -1 }),
      f.int64('offset', '1+', { default: -1 }),
    ]),
  ]),
]);
