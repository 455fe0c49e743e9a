/** Produce (API key 0). Kafka 4.0 removed v0-2 (KIP-896); record batch v2 needs v3+. KafkaJS 2.2.4 and librdkafka 2.0 both stop at v7. */
import { f, message } from '../schema.ts';

export const produceRequest = message('ProduceRequest', 0, '3-7', '9+', [
  f.nstring('transactionalId', '3+', { nullable: '3+' }),
  f.int16('acks', '0+'),
  f.int32('timeoutMs', '0+'),
  f.array('topicData', '0+', [
    f.string('name', '0+'),
    f.array('partitionData', '0+', [f.int32('index', '0+'), f.records('records', '0+')]),
  ]),
]);

export const produceResponse = message('ProduceResponse', 0, '3-7', '9+', [
  f.array('responses', '0+', [
    f.string('name', '0+'),
    f.array('partitionResponses', '0+', [
      f.int32('index', '0+'),
      f.int16('errorCode', '0+'),
      f.int64('baseOffset', '0+'),
      f.int64('logAppendTimeMs', '2+', { default: -1 }),
      f.int64('logStartOffset', '5+', { default: -1 }),
    ]),
  ]),
  f.int32('throttleTimeMs', '1+'),
]);
