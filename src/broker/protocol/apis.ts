/**
 * The API table: every API this broker answers, with the request and response schemas and the
 * version range it advertises in ApiVersions. Oldest versions follow Kafka 4.0's baseline
 * (KIP-896, which removed older ones); newest are the highest that KafkaJS 2.2.4 or
 * librdkafka 2.0 (kcat 1.7) ask for. Transactions (AddPartitionsToTxn, AddOffsetsToTxn, EndTxn,
 * TxnOffsetCommit) are not advertised: clients then refuse transactional work themselves, and a
 * request for them is an unknown API, which Kafka answers by closing the connection.
 */
import { inRange, type MessageSchema } from './schema.ts';
import { produceRequest, produceResponse } from './messages/produce.ts';
import { fetchRequest, fetchResponse } from './messages/fetch.ts';
import { listOffsetsRequest, listOffsetsResponse } from './messages/listOffsets.ts';
import { metadataRequest, metadataResponse } from './messages/metadata.ts';
import { apiVersionsRequest, apiVersionsResponse } from './messages/apiVersions.ts';
import {
  deleteGroupsRequest,
  deleteGroupsResponse,
  describeGroupsRequest,
  describeGroupsResponse,
  findCoordinatorRequest,
  findCoordinatorResponse,
  heartbeatRequest,
  heartbeatResponse,
  joinGroupRequest,
  joinGroupResponse,
  leaveGroupRequest,
  leaveGroupResponse,
  listGroupsRequest,
  listGroupsResponse,
  offsetCommitRequest,
  offsetCommitResponse,
  offsetFetchRequest,
  offsetFetchResponse,
  syncGroupRequest,
  syncGroupResponse,
} from './messages/groups.ts';
import {
  createPartitionsRequest,
  createPartitionsResponse,
  createTopicsRequest,
  createTopicsResponse,
  deleteTopicsRequest,
  deleteTopicsResponse,
  describeConfigsRequest,
  describeConfigsResponse,
  initProducerIdRequest,
  initProducerIdResponse,
} from './messages/admin.ts';

export interface ApiDef<Q extends MessageSchema = MessageSchema, R extends MessageSchema = MessageSchema> {
  key: number;
  name: string;
  request: Q;
  response: R;
}

function api<Q extends MessageSchema, R extends MessageSchema>(name: string, request: Q, response: R): ApiDef<Q, R> {
  if (request.apiKey !== response.apiKey) throw new Error(`${name}: request and response keys differ`);
  return { key: request.apiKey, name, request, response };
}

export const APIS = {
  Produce: api('Produce', produceRequest, produceResponse),
  Fetch: api('Fetch', fetchRequest, fetchResponse),
  ListOffsets: api('ListOffsets', listOffsetsRequest, listOffsetsResponse),
  Metadata: api('Metadata', metadataRequest, metadataResponse),
  OffsetCommit: api('OffsetCommit', offsetCommitRequest, offsetCommitResponse),
  OffsetFetch: api('OffsetFetch', offsetFetchRequest, offsetFetchResponse),
  FindCoordinator: api('FindCoordinator', findCoordinatorRequest, findCoordinatorResponse),
  JoinGroup: api('JoinGroup', joinGroupRequest, joinGroupResponse),
  Heartbeat: api('Heartbeat', heartbeatRequest, heartbeatResponse),
  LeaveGroup: api('LeaveGroup', leaveGroupRequest, leaveGroupResponse),
  SyncGroup: api('SyncGroup', syncGroupRequest, syncGroupResponse),
  DescribeGroups: api('DescribeGroups', describeGroupsRequest, describeGroupsResponse),
  ListGroups: api('ListGroups', listGroupsRequest, listGroupsResponse),
  ApiVersions: api('ApiVersions', apiVersionsRequest, apiVersionsResponse),
  CreateTopics: api('CreateTopics', createTopicsRequest, createTopicsResponse),
  DeleteTopics: api('DeleteTopics', deleteTopicsRequest, deleteTopicsResponse),
  InitProducerId: api('InitProducerId', initProducerIdRequest, initProducerIdResponse),
  DescribeConfigs: api('DescribeConfigs', describeConfigsRequest, describeConfigsResponse),
  CreatePartitions: api('CreatePartitions', createPartitionsRequest, createPartitionsResponse),
  DeleteGroups: api('DeleteGroups', deleteGroupsRequest, deleteGroupsResponse),
} as const;

export type ApiName = keyof typeof APIS;

const BY_KEY = new Map<number, ApiDef>(Object.values(APIS).map((a) => [a.key, a]));

export function apiByKey(key: number): ApiDef | undefined {
  return BY_KEY.get(key);
}

export function supportsVersion(a: ApiDef, version: number): boolean {
  return inRange(a.request.valid, version);
}

/** The ApiVersions list: every API with its advertised range, by key. */
export function advertisedVersions(): { apiKey: number; minVersion: number; maxVersion: number }[] {
  return [...BY_KEY.values()].sort((a, b) => a.key - b.key).map((a) => ({ apiKey: a.key, minVersion: a.request.valid.min, maxVersion: a.request.valid.max }));
}
