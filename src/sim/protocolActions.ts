/**
 * Actions that Kafka clients drive through the broker's protocol front end (src/broker): the
 * idempotent producer, topic deletion, and the classic group protocol with committed offsets.
 * Each validates its input (throwing SimActionError for malformed input, like every action) and
 * answers protocol-level refusals with Kafka's error codes as data, never by throwing, so that
 * the front end can send them to the client as Kafka would.
 */
import { SimActionError } from './actions.ts';
import { commitOffsets, deleteGroup, heartbeat, joinGroup, leaveGroup, setClassicSlowdown, syncGroup } from './coordinator/classicGroup/coordinator.ts';
import { deleteTopic, topicDeletionRefusal } from './cluster/deleteTopic.ts';
import type { Ctx } from './ctx.ts';
import { checkSequence, initProducerId, recordBatch } from './producer/idempotence.ts';
import { sendRecords } from './producer/send.ts';
import type { SimState } from './state.ts';
import type { ActionResult, Acks, SendRecord, SendResult, SimAction } from './types.ts';

export type ProtocolAction = Extract<
  SimAction,
  { type: 'producer/init-id' | 'topic/delete' | 'group/join' | 'group/sync' | 'group/heartbeat' | 'group/leave' | 'group/delete' | 'offset/commit' | 'group/set-slowdown' }
>;

function str(action: SimAction, v: unknown, what: string, max = 1000): string {
  if (typeof v !== 'string' || v.length > max) throw new SimActionError(action, `${what} must be a string of at most ${max} characters`);
  return v;
}

function int(action: SimAction, v: unknown, what: string, min = -(2 ** 31), max = 2 ** 31 - 1): number {
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) throw new SimActionError(action, `${what} must be a whole number between ${min} and ${max}`);
  return v as number;
}

/** An idempotent producer's batch: sequence checks first, then the append; duplicates answer with their first offsets. */
export function sendIdempotent(state: SimState, action: Extract<SimAction, { type: 'producer/send' }>, acks: Acks, ctx: Ctx, now: number): SendResult[] {
  const info = action.producer!;
  int(action, info.producerId, 'producer.producerId', 0, Number.MAX_SAFE_INTEGER);
  int(action, info.producerEpoch, 'producer.producerEpoch', 0, 32767);
  int(action, info.baseSequence, 'producer.baseSequence', 0);
  const partition = action.records[0]!.partition;
  if (partition === undefined || action.records.some((r: SendRecord) => r.partition !== partition)) {
    throw new SimActionError(action, "an idempotent producer's batch names one partition for every record");
  }
  const n = action.records.length;
  const check = checkSequence(state, action.topic, partition, info, n);
  if ('error' in check) return action.records.map(() => ({ partition, error: check.error }));
  if ('duplicate' in check) return action.records.map((_, i) => ({ partition, offset: check.duplicate.firstOffset + i, duplicate: true as const }));
  const sent = sendRecords(state, action.topic, action.records, acks, ctx, now);
  const first = sent[0];
  if (first && 'offset' in first) recordBatch(state, action.topic, partition, info, n, first.offset);
  return sent;
}

/** Applies one protocol action; returns the fields it adds to the action's result. */
export function applyProtocolAction(state: SimState, action: ProtocolAction, ctx: Ctx, now: number): Partial<ActionResult> {
  switch (action.type) {
    case 'producer/init-id': {
      if (action.producerId !== undefined) {
        int(action, action.producerId, 'producerId', -1, Number.MAX_SAFE_INTEGER);
        int(action, action.producerEpoch, 'producerEpoch', -1, 32767);
      }
      const current = action.producerId !== undefined && action.producerId >= 0 ? { producerId: action.producerId, producerEpoch: action.producerEpoch ?? -1 } : undefined;
      return { producerId: initProducerId(state, current) };
    }
    case 'topic/delete': {
      const refusal = topicDeletionRefusal(state, str(action, action.topic, 'topic'));
      if (refusal) throw new SimActionError(action, refusal);
      deleteTopic(state, action.topic);
      ctx.events.push({ type: 'topic/deleted', atMs: now, topic: action.topic });
      return {};
    }
    case 'group/join': {
      if (!Array.isArray(action.protocols) || action.protocols.length > 64) throw new SimActionError(action, 'protocols must be a list of at most 64');
      for (const p of action.protocols) {
        str(action, p.name, 'protocol name', 256);
        str(action, p.metadata, 'protocol metadata', 1_400_000);
      }
      if (!Array.isArray(action.subscribedTopics)) throw new SimActionError(action, 'subscribedTopics must be a list');
      const join = joinGroup(
        state,
        {
          group: str(action, action.group, 'group', 255),
          memberId: str(action, action.memberId, 'memberId'),
          groupInstanceId: action.groupInstanceId === null ? null : str(action, action.groupInstanceId, 'groupInstanceId'),
          clientId: str(action, action.clientId, 'clientId'),
          clientHost: str(action, action.clientHost, 'clientHost'),
          sessionTimeoutMs: int(action, action.sessionTimeoutMs, 'sessionTimeoutMs'),
          rebalanceTimeoutMs: int(action, action.rebalanceTimeoutMs, 'rebalanceTimeoutMs', 0),
          protocolType: str(action, action.protocolType, 'protocolType', 256),
          protocols: action.protocols,
          requireKnownMemberId: Boolean(action.requireKnownMemberId),
          subscribedTopics: action.subscribedTopics.map((t) => str(action, t, 'subscribed topic', 255)),
        },
        ctx,
        now,
      );
      return { join };
    }
    case 'group/sync': {
      if (!Array.isArray(action.assignments)) throw new SimActionError(action, 'assignments must be a list');
      return { sync: syncGroup(state, str(action, action.group, 'group', 255), str(action, action.memberId, 'memberId'), int(action, action.generationId, 'generationId'), action.assignments, ctx, now) };
    }
    case 'group/heartbeat':
      return { groupError: heartbeat(state, str(action, action.group, 'group', 255), str(action, action.memberId, 'memberId'), int(action, action.generationId, 'generationId'), now) };
    case 'group/leave':
      return { groupError: leaveGroup(state, str(action, action.group, 'group', 255), str(action, action.memberId, 'memberId'), ctx, now) };
    case 'group/delete':
      return { groupError: deleteGroup(state, str(action, action.group, 'group', 255), ctx, now) };
    case 'offset/commit': {
      if (!Array.isArray(action.offsets)) throw new SimActionError(action, 'offsets must be a list');
      for (const o of action.offsets) {
        str(action, o.topic, 'topic', 255);
        int(action, o.partition, 'partition', 0);
        int(action, o.offset, 'offset', -1, Number.MAX_SAFE_INTEGER);
      }
      return { groupError: commitOffsets(state, { group: str(action, action.group, 'group', 255), memberId: str(action, action.memberId, 'memberId'), generationId: int(action, action.generationId, 'generationId'), offsets: action.offsets }, ctx, now) };
    }
    case 'group/set-slowdown': {
      if (typeof action.slowdown !== 'number' || !(action.slowdown >= 1 && action.slowdown <= 100)) throw new SimActionError(action, 'slowdown must be a number from 1 to 100');
      if (!setClassicSlowdown(state, str(action, action.group, 'group', 255), action.slowdown)) throw new SimActionError(action, `unknown group "${action.group}"`);
      ctx.events.push({ type: 'group/config-changed', atMs: now, group: action.group, field: 'downstream' });
      return {};
    }
  }
}
