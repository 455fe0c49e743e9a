/** Metadata (API key 3). librdkafka 2.0 asks for v4, KafkaJS 2.2.4 for v6. */
import { f, message } from '../schema.ts';

export const metadataRequest = message('MetadataRequest', 3, '0-6', '9+', [
  // null (v1+) means every topic; an empty list means none
  f.narray('topics', '0+', [f.string('name', '0+')], { nullable: '1+' }),
  f.bool('allowAutoTopicCreation', '4+', { default: true }),
]);

export const metadataResponse = message('MetadataResponse', 3, '0-6', '9+', [
  f.int32('throttleTimeMs', '3+'),
  f.array('brokers', '0+', [f.int32('nodeId', '0+'), f.string('host', '0+'), f.int32('port', '0+'), f.nstring('rack', '1+', { nullable: '1+' })]),
  f.nstring('clusterId', '2+', { nullable: '2+' }),
  f.int32('controllerId', '1+', { default: -1 }),
  f.array('topics', '0+', [
    f.int16('errorCode', '0+'),
    f.string('name', '0+'),
    f.bool('isInternal', '1+'),
    f.array('partitions', '0+', [
      f.int16('errorCode', '0+'),
      f.int32('partitionIndex', '0+'),
      f.int32('leaderId', '0+'),
      f.list('replicaNodes', '0+', 'int32'),
      f.list('isrNodes', '0+', 'int32'),
      f.list('offlineReplicas', '5+', 'int32'),
    ]),
  ]),
]);
