/**
 * The classic group protocol: FindCoordinator (10), JoinGroup (11), Heartbeat (12), LeaveGroup (13),
 * SyncGroup (14), DescribeGroups (15), ListGroups (16), DeleteGroups (42), and committed offsets:
 * OffsetCommit (8), OffsetFetch (9). Oldest versions follow Kafka 4.0 (KIP-896); newest are what
 * KafkaJS 2.2.4 or librdkafka 2.0 ask for.
 */
import { f, message } from '../schema.ts';

export const findCoordinatorRequest = message('FindCoordinatorRequest', 10, '0-2', '3+', [
  f.string('key', '0-3'),
  // 0 = group, 1 = transaction
  f.int8('keyType', '1+'),
]);

export const findCoordinatorResponse = message('FindCoordinatorResponse', 10, '0-2', '3+', [
  f.int32('throttleTimeMs', '1+'),
  f.int16('errorCode', '0-3'),
  f.nstring('errorMessage', '1-3', { nullable: '1-3' }),
  f.int32('nodeId', '0-3'),
  f.string('host', '0-3'),
  f.int32('port', '0-3'),
]);

export const joinGroupRequest = message('JoinGroupRequest', 11, '2-5', '6+', [
  f.string('groupId', '0+'),
  f.int32('sessionTimeoutMs', '0+'),
  f.int32('rebalanceTimeoutMs', '1+', { default: -1 }),
  f.string('memberId', '0+'),
  f.nstring('groupInstanceId', '5+', { nullable: '5+' }),
  f.string('protocolType', '0+'),
  f.array('protocols', '0+', [f.string('name', '0+'), f.bytes('metadata', '0+')]),
]);

export const joinGroupResponse = message('JoinGroupResponse', 11, '2-5', '6+', [
  f.int32('throttleTimeMs', '2+'),
  f.int16('errorCode', '0+'),
  f.int32('generationId', '0+', { default: -1 }),
  f.string('protocolName', '0+'),
  f.string('leader', '0+'),
  f.string('memberId', '0+'),
  f.array('members', '0+', [f.string('memberId', '0+'), f.nstring('groupInstanceId', '5+', { nullable: '5+' }), f.bytes('metadata', '0+')]),
]);

export const heartbeatRequest = message('HeartbeatRequest', 12, '0-3', '4+', [
  f.string('groupId', '0+'),
  f.int32('generationId', '0+'),
  f.string('memberId', '0+'),
  f.nstring('groupInstanceId', '3+', { nullable: '3+' }),
]);

export const heartbeatResponse = message('HeartbeatResponse', 12, '0-3', '4+', [f.int32('throttleTimeMs', '1+'), f.int16('errorCode', '0+')]);

export const leaveGroupRequest = message('LeaveGroupRequest', 13, '0-3', '4+', [
  f.string('groupId', '0+'),
  f.string('memberId', '0-2'),
  f.array('members', '3+', [f.string('memberId', '3+'), f.nstring('groupInstanceId', '3+', { nullable: '3+' })]),
]);

export const leaveGroupResponse = message('LeaveGroupResponse', 13, '0-3', '4+', [
  f.int32('throttleTimeMs', '1+'),
  f.int16('errorCode', '0+'),
  f.array('members', '3+', [f.string('memberId', '3+'), f.nstring('groupInstanceId', '3+', { nullable: '3+' }), f.int16('errorCode', '3+')]),
]);

export const syncGroupRequest = message('SyncGroupRequest', 14, '0-3', '4+', [
  f.string('groupId', '0+'),
  f.int32('generationId', '0+'),
  f.string('memberId', '0+'),
  f.nstring('groupInstanceId', '3+', { nullable: '3+' }),
  f.array('assignments', '0+', [f.string('memberId', '0+'), f.bytes('assignment', '0+')]),
]);

export const syncGroupResponse = message('SyncGroupResponse', 14, '0-3', '4+', [f.int32('throttleTimeMs', '1+'), f.int16('errorCode', '0+'), f.bytes('assignment', '0+')]);

export const describeGroupsRequest = message('DescribeGroupsRequest', 15, '0-4', '5+', [f.list('groups', '0+', 'string'), f.bool('includeAuthorizedOperations', '3+')]);

export const describeGroupsResponse = message('DescribeGroupsResponse', 15, '0-4', '5+', [
  f.int32('throttleTimeMs', '1+'),
  f.array('groups', '0+', [
    f.int16('errorCode', '0+'),
    f.string('groupId', '0+'),
    f.string('groupState', '0+'),
    f.string('protocolType', '0+'),
    f.string('protocolData', '0+'),
    f.array('members', '0+', [
      f.string('memberId', '0+'),
      f.nstring('groupInstanceId', '4+', { nullable: '4+' }),
      f.string('clientId', '0+'),
      f.string('clientHost', '0+'),
      f.bytes('memberMetadata', '0+'),
      f.bytes('memberAssignment', '0+'),
    ]),
    f.int32('authorizedOperations', '3+', { default: -2147483648 }),
  ]),
]);

export const listGroupsRequest = message('ListGroupsRequest', 16, '0-4', '3+', [f.list('statesFilter', '4+', 'string')]);

export const listGroupsResponse = message('ListGroupsResponse', 16, '0-4', '3+', [
  f.int32('throttleTimeMs', '1+'),
  f.int16('errorCode', '0+'),
  f.array('groups', '0+', [f.string('groupId', '0+'), f.string('protocolType', '0+'), f.string('groupState', '4+')]),
]);

export const deleteGroupsRequest = message('DeleteGroupsRequest', 42, '0-1', '2+', [f.list('groupsNames', '0+', 'string')]);

export const deleteGroupsResponse = message('DeleteGroupsResponse', 42, '0-1', '2+', [
  f.int32('throttleTimeMs', '0+'),
  f.array('results', '0+', [f.string('groupId', '0+'), f.int16('errorCode', '0+')]),
]);

export const offsetCommitRequest = message('OffsetCommitRequest', 8, '2-7', '8+', [
  f.string('groupId', '0+'),
  f.int32('generationIdOrMemberEpoch', '1+', { default: -1 }),
  f.string('memberId', '1+'),
  f.nstring('groupInstanceId', '7+', { nullable: '7+' }),
  f.int64('retentionTimeMs', '2-4', { default: -1 }),
  f.array('topics', '0+', [
    f.string('name', '0+'),
    f.array('partitions', '0+', [
      f.int32('partitionIndex', '0+'),
      f.int64('committedOffset', '0+'),
      f.int32('committedLeaderEpoch', '6+', { default: -1 }),
      f.nstring('committedMetadata', '0+', { nullable: '0+' }),
    ]),
  ]),
]);

export const offsetCommitResponse = message('OffsetCommitResponse', 8, '2-7', '8+', [
  f.int32('throttleTimeMs', '3+'),
  f.array('topics', '0+', [f.string('name', '0+'), f.array('partitions', '0+', [f.int32('partitionIndex', '0+'), f.int16('errorCode', '0+')])]),
]);

export const offsetFetchRequest = message('OffsetFetchRequest', 9, '1-7', '6+', [
  f.string('groupId', '0-7'),
  // null (v2+) asks for every partition the group has committed
  f.narray('topics', '0-7', [f.string('name', '0-7'), f.list('partitionIndexes', '0-7', 'int32')], { nullable: '2-7' }),
  f.bool('requireStable', '7+'),
]);

export const offsetFetchResponse = message('OffsetFetchResponse', 9, '1-7', '6+', [
  f.int32('throttleTimeMs', '3+'),
  f.array('topics', '0-7', [
    f.string('name', '0-7'),
    f.array('partitions', '0-7', [
      f.int32('partitionIndex', '0-7'),
      f.int64('committedOffset', '0-7'),
      f.int32('committedLeaderEpoch', '5-7', { default: -1 }),
      f.nstring('metadata', '0-7', { nullable: '0-7' }),
      f.int16('errorCode', '0-7'),
    ]),
  ]),
  f.int16('errorCode', '2-7'),
]);
