/** Admin APIs: CreateTopics (19), DeleteTopics (20), InitProducerId (22), DescribeConfigs (32), CreatePartitions (37). */
import { f, message } from '../schema.ts';

export const createTopicsRequest = message('CreateTopicsRequest', 19, '2-4', '5+', [
  f.array('topics', '0+', [
    f.string('name', '0+'),
    f.int32('numPartitions', '0+'),
    f.int16('replicationFactor', '0+'),
    f.array('assignments', '0+', [f.int32('partitionIndex', '0+'), f.list('brokerIds', '0+', 'int32')]),
    f.array('configs', '0+', [f.string('name', '0+'), f.nstring('value', '0+', { nullable: '0+' })]),
  ]),
  f.int32('timeoutMs', '0+', { default: 60000 }),
  f.bool('validateOnly', '1+'),
]);

export const createTopicsResponse = message('CreateTopicsResponse', 19, '2-4', '5+', [
  f.int32('throttleTimeMs', '2+'),
  f.array('topics', '0+', [f.string('name', '0+'), f.int16('errorCode', '0+'), f.nstring('errorMessage', '1+', { nullable: '0+' })]),
]);

export const deleteTopicsRequest = message('DeleteTopicsRequest', 20, '1', '4+', [f.list('topicNames', '0-5', 'string'), f.int32('timeoutMs', '0+')]);

export const deleteTopicsResponse = message('DeleteTopicsResponse', 20, '1', '4+', [
  f.int32('throttleTimeMs', '1+'),
  f.array('responses', '0+', [f.string('name', '0+'), f.int16('errorCode', '0+')]),
]);

export const initProducerIdRequest = message('InitProducerIdRequest', 22, '0-4', '2+', [
  f.nstring('transactionalId', '0+', { nullable: '0+' }),
  f.int32('transactionTimeoutMs', '0+'),
  f.int64('producerId', '3+', { default: -1 }),
  f.int16('producerEpoch', '3+', { default: -1 }),
]);

export const initProducerIdResponse = message('InitProducerIdResponse', 22, '0-4', '2+', [
  f.int32('throttleTimeMs', '0+'),
  f.int16('errorCode', '0+'),
  f.int64('producerId', '0+', { default: -1 }),
  f.int16('producerEpoch', '0+'),
]);

export const describeConfigsRequest = message('DescribeConfigsRequest', 32, '1-2', '4+', [
  f.array('resources', '0+', [f.int8('resourceType', '0+'), f.string('resourceName', '0+'), f.nlist('configurationKeys', '0+', 'string', { nullable: '0+' })]),
  f.bool('includeSynonyms', '1+'),
]);

export const describeConfigsResponse = message('DescribeConfigsResponse', 32, '1-2', '4+', [
  f.int32('throttleTimeMs', '0+'),
  f.array('results', '0+', [
    f.int16('errorCode', '0+'),
    f.nstring('errorMessage', '0+', { nullable: '0+' }),
    f.int8('resourceType', '0+'),
    f.string('resourceName', '0+'),
    f.array('configs', '0+', [
      f.string('name', '0+'),
      f.nstring('value', '0+', { nullable: '0+' }),
      f.bool('readOnly', '0+'),
      f.bool('isDefault', '0'),
      f.int8('configSource', '1+', { default: -1 }),
      f.bool('isSensitive', '0+'),
      f.array('synonyms', '1+', [f.string('name', '1+'), f.nstring('value', '1+', { nullable: '0+' }), f.int8('source', '1+')]),
    ]),
  ]),
]);

export const createPartitionsRequest = message('CreatePartitionsRequest', 37, '0-1', '2+', [
  f.array('topics', '0+', [f.string('name', '0+'), f.int32('count', '0+'), f.narray('assignments', '0+', [f.list('brokerIds', '0+', 'int32')], { nullable: '0+' })]),
  f.int32('timeoutMs', '0+'),
  f.bool('validateOnly', '0+'),
]);

export const createPartitionsResponse = message('CreatePartitionsResponse', 37, '0-1', '2+', [
  f.int32('throttleTimeMs', '0+'),
  f.array('results', '0+', [f.string('name', '0+'), f.int16('errorCode', '0+'), f.nstring('errorMessage', '0+', { nullable: '0+' })]),
]);
