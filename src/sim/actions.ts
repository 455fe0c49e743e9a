/**
 * User actions: validated, applied at the current simulated time, and recorded in state.actions
 * so that {config, seed, actions} replays to the same state.
 */
import { resolveKeys, timeoutsSchema, processingSchema, commitSchema, dlqSchema, downstreamSchema, keyConfigSchema, validateGroupConfig, validateTopicConfig, MAX_PARTITIONS, MAX_MEMBERS, NO_CODEGEN } from './config.ts';
import { groupOf, topicIndexOf, topicOf } from './cluster/metadata.ts';
import { startBroker, stopBroker } from './cluster/controller.ts';
import { newPartition, newTopic } from './cluster/topics.ts';
import { joinClient, restartAllWith, startBounce } from './coordinator/classic/membership.ts';
import { addMembers, groupChanged, leaveGroup } from './coordinator/dispatch.ts';
import { newGroup } from './coordinator/group.ts';
import { commitForClient, commitRefusal } from './coordinator/offsets.ts';
import { fetchForClient } from './consumer/fetch.ts';
import type { Ctx } from './ctx.ts';
import { sendRecords } from './producer/send.ts';
import { applyProtocolAction, sendIdempotent } from './protocolActions.ts';
import type { GroupState, MemberState, SimState } from './state.ts';
import type { ActionResult, AssignorName, ConfigIssue, FetchedRecord, SendResult, SimAction } from './types.ts';

/** Most records one producer/send may carry. */
export const MAX_SEND_RECORDS = 100_000;

export class SimActionError extends Error {
  readonly action: SimAction;
  constructor(action: SimAction, message: string) {
    super(`${action.type}: ${message}`);
    this.name = 'SimActionError';
    this.action = action;
  }
}

function needGroup(state: SimState, action: SimAction, id: string): GroupState {
  const g = groupOf(state, id);
  if (!g) throw new SimActionError(action, `unknown group "${id}"`);
  return g;
}

function parseOr<T>(
  action: SimAction,
  schema: { safeParse(v: unknown, ctx: typeof NO_CODEGEN): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  value: unknown,
): T {
  const r = schema.safeParse(value, NO_CODEGEN);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.map(String).join('.') || 'value'}: ${i.message}`).join('; ');
    throw new SimActionError(action, msg);
  }
  return r.data;
}

function pickMember(g: GroupState, action: SimAction, id: string | undefined, prefer: 'last' | 'first'): MemberState {
  if (id !== undefined) {
    const m = g.members.find((x) => x.id === id);
    if (!m) throw new SimActionError(action, `unknown member "${id}" in group "${g.id}"`);
    return m;
  }
  const alive = g.members.filter((m) => !m.crashed);
  const m = prefer === 'last' ? alive[alive.length - 1] : alive[0];
  if (!m) throw new SimActionError(action, `group "${g.id}" has no running member`);
  return m;
}

const ASSIGNOR_NAMES: readonly AssignorName[] = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'];

/** A validated partition.assignment.strategy list (1 to 4 known assignors, none twice). */
function assignorList(action: SimAction, list: unknown): AssignorName[] {
  if (!Array.isArray(list) || list.length < 1 || list.length > 4) throw new SimActionError(action, 'assignors must be a list of 1 to 4 assignors');
  for (const a of list) if (!ASSIGNOR_NAMES.includes(a as AssignorName)) throw new SimActionError(action, `unknown assignor "${String(a)}" (range, roundrobin, sticky, cooperative-sticky)`);
  if (new Set(list).size !== list.length) throw new SimActionError(action, 'an assignor is listed twice');
  return [...(list as AssignorName[])];
}

/** Classic-only settings are refused for consumer (KIP-848) and share (KIP-932) groups. */
function notModern(g: GroupState, action: SimAction, what: string): void {
  if (g.type === 'consumer') throw new SimActionError(action, `group "${g.id}" uses the consumer protocol (KIP-848): the broker assigns partitions with its server-side assignor, so ${what} does not apply`);
  if (g.type === 'share') throw new SimActionError(action, `group "${g.id}" is a share group (KIP-932): ${what} does not apply`);
}

function issuesText(issues: ConfigIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

/**
 * Apply a user action now (at state.timeMs). Updates the state in place, appends the action to
 * state.actions and returns the events it caused. Throws SimActionError for an invalid action
 * (the state is left unchanged in that case).
 */
export function applyAction(state: SimState, action: SimAction): ActionResult {
  const ctx: Ctx = { events: [], recordEvents: true };
  const now = state.timeMs;
  let sent: SendResult[] | undefined;
  let fetched: FetchedRecord[] | undefined;
  let extra: Partial<ActionResult> = {};
  switch (action.type) {
    case 'consumer/add': {
      const g = needGroup(state, action, action.group);
      if (g.driver === 'client') throw new SimActionError(action, `group "${g.id}" is client-driven: its clients join it (client/join)`);
      const count = action.count ?? 1;
      if (!Number.isInteger(count) || count < 1 || count > 256) throw new SimActionError(action, 'count must be a whole number between 1 and 256');
      if (g.members.length + count > 256) throw new SimActionError(action, 'a group can have at most 256 members');
      if (!g.started) {
        g.initialConsumers += count;
        break;
      }
      addMembers(state, g, count, ctx, now);
      break;
    }
    case 'consumer/remove': {
      const g = needGroup(state, action, action.group);
      if (!g.started && action.member === undefined) {
        if (g.initialConsumers < 1) throw new SimActionError(action, `group "${g.id}" has no member`);
        g.initialConsumers -= 1;
        break;
      }
      const m = pickMember(g, action, action.member, 'last');
      leaveGroup(state, g, m, ctx, now);
      break;
    }
    case 'consumer/crash': {
      const g = needGroup(state, action, action.group);
      const m = pickMember(g, action, action.member, 'first');
      if (m.crashed) throw new SimActionError(action, `member "${m.id}" has already crashed`);
      m.crashed = true;
      m.batch = null;
      m.hung = null;
      ctx.events.push({ type: 'consumer/crashed', atMs: now, group: g.id, member: m.id });
      if (!m.inGroup) {
        // not a member any more (poll timeout): nothing for the coordinator to notice
        g.members.splice(g.members.indexOf(m), 1);
      }
      break;
    }
    case 'group/add': {
      const r = validateGroupConfig(action.group, state.topics.map((t) => t.name), state.groups.map((g) => g.id));
      if (!r.ok) throw new SimActionError(action, issuesText(r.issues));
      const g = newGroup(state, { ...r.group, startAtMs: Math.max(r.group.startAtMs, now) });
      state.groups.push(g);
      ctx.events.push({ type: 'group/created', atMs: now, group: g.id, topic: g.topic });
      break;
    }
    case 'group/remove': {
      const g = needGroup(state, action, action.group);
      for (const m of g.members) ctx.events.push({ type: 'consumer/left', atMs: now, group: g.id, member: m.id, reason: 'group-removed' });
      state.groups.splice(state.groups.indexOf(g), 1);
      ctx.events.push({ type: 'group/removed', atMs: now, group: g.id });
      break;
    }
    case 'group/set-assignor': {
      const g = needGroup(state, action, action.group);
      notModern(g, action, 'a classic client-side assignor');
      if ((action.assignor === undefined) === (action.assignors === undefined)) throw new SimActionError(action, 'give assignor or assignors (partition.assignment.strategy)');
      const list = assignorList(action, action.assignors ?? [action.assignor!]);
      ctx.events.push({ type: 'group/config-changed', atMs: now, group: g.id, field: 'assignor' });
      restartAllWith(state, g, list, ctx, now);
      break;
    }
    case 'group/rolling-bounce': {
      const g = needGroup(state, action, action.group);
      notModern(g, action, 'a rolling bounce to another partition.assignment.strategy');
      const list = assignorList(action, action.assignors);
      if (g.driver === 'client') throw new SimActionError(action, `group "${g.id}" is client-driven: its clients restart themselves`);
      if (g.bounce) throw new SimActionError(action, `group "${g.id}" is already in a rolling bounce`);
      startBounce(g, list, ctx, now);
      break;
    }
    case 'group/set-protocol':
      throw new SimActionError(
        action,
        'Kafka has no rebalance-protocol setting: the protocol follows from partition.assignment.strategy (KIP-429). Set the assignors instead: [cooperative-sticky] runs cooperative; a list with range, roundrobin or sticky runs eager.',
      );
    case 'group/set-timeouts': {
      const g = needGroup(state, action, action.group);
      const t = parseOr(action, timeoutsSchema, action.timeouts);
      const next = { ...g.timeouts, ...Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) };
      if (next.heartbeatIntervalMs >= next.sessionTimeoutMs) throw new SimActionError(action, 'heartbeat.interval.ms must be lower than session.timeout.ms');
      g.timeouts = next;
      ctx.events.push({ type: 'group/config-changed', atMs: now, group: g.id, field: 'timeouts' });
      break;
    }
    case 'group/set-processing': {
      const g = needGroup(state, action, action.group);
      const p = parseOr(action, processingSchema, action.processing);
      const commit = action.commit === undefined ? undefined : parseOr(action, commitSchema, action.commit);
      g.processing = { meanMs: p.meanMs ?? g.processing.meanMs, distribution: p.distribution ?? g.processing.distribution };
      if (commit) g.commit = commit;
      ctx.events.push({ type: 'group/config-changed', atMs: now, group: g.id, field: 'processing' });
      break;
    }
    case 'group/set-dlq': {
      const g = needGroup(state, action, action.group);
      const d = parseOr(action, dlqSchema, action.dlq);
      g.dlq = { enabled: d.enabled ?? g.dlq.enabled, recordTimeoutMs: d.recordTimeoutMs ?? g.dlq.recordTimeoutMs };
      ctx.events.push({ type: 'group/config-changed', atMs: now, group: g.id, field: 'dlq' });
      break;
    }
    case 'downstream/set': {
      const g = needGroup(state, action, action.group);
      const d = parseOr(action, downstreamSchema, action.downstream);
      g.downstream = { slowdown: d.slowdown ?? g.downstream.slowdown, failureRate: d.failureRate ?? g.downstream.failureRate };
      ctx.events.push({ type: 'group/config-changed', atMs: now, group: g.id, field: 'downstream' });
      break;
    }
    case 'group/reset-offsets': {
      const g = needGroup(state, action, action.group);
      if (g.type === 'share') throw new SimActionError(action, `group "${g.id}" is a share group: it has no committed offsets to reset (its start comes from share.auto.offset.reset)`);
      const topic = topicOf(state, g.topic);
      const target = resetTarget(action);
      const offsets: number[] = [];
      for (const P of topic.partitions) {
        let o: number;
        switch (target.to) {
          case 'earliest':
            o = P.logStart;
            break;
          case 'latest':
            // kafka-consumer-groups --to-latest: the high watermark
            o = P.hw;
            break;
          case 'offset':
            if (!Number.isInteger(target.offset) || target.offset < 0) throw new SimActionError(action, 'offset must be a whole number >= 0');
            o = Math.min(Math.max(target.offset, P.logStart), P.hw);
            break;
          case 'time': {
            if (!Number.isFinite(target.atMs)) throw new SimActionError(action, 'atMs must be a finite number');
            o = offsetForTime(P.timeIndex, target.atMs, P.hw);
            o = Math.min(Math.max(o, P.logStart), P.hw);
            break;
          }
        }
        offsets.push(o);
      }
      // Kafka only resets an inactive group: members stop (dropping in-flight work), offsets are rewritten, members rejoin.
      for (const m of g.members) {
        m.batch = null;
        if (m.hung && m.hung.reason === 'downstream-down') m.hung = null;
      }
      offsets.forEach((o, p) => {
        g.committed[p] = o;
        g.position[p] = o;
        g.done[p] = o;
      });
      ctx.events.push({ type: 'group/offsets-reset', atMs: now, group: g.id, target });
      groupChanged(state, g, ctx, now, 'offsets-reset');
      break;
    }
    case 'producer/set-rate': {
      const p = state.producers.find((x) => x.id === action.producer);
      if (!p) throw new SimActionError(action, `unknown producer "${action.producer}"`);
      if (typeof action.ratePerSec !== 'number' || !Number.isFinite(action.ratePerSec) || action.ratePerSec < 0 || action.ratePerSec > 100_000) {
        throw new SimActionError(action, 'ratePerSec must be a number between 0 and 100000');
      }
      p.ratePerSec = action.ratePerSec;
      ctx.events.push({ type: 'producer/rate-changed', atMs: now, producer: p.id, ratePerSec: p.ratePerSec });
      break;
    }
    case 'producer/set-keys': {
      const p = state.producers.find((x) => x.id === action.producer);
      if (!p) throw new SimActionError(action, `unknown producer "${action.producer}"`);
      const keys = resolveKeys(parseOr(action, keyConfigSchema, action.keys));
      while (p.userSeq.length < keys.users) p.userSeq.push(0);
      p.keys = keys;
      p.saltCounter = 0;
      ctx.events.push({ type: 'producer/keys-changed', atMs: now, producer: p.id, keys: { ...keys } });
      break;
    }
    case 'topic/set-partitions': {
      const ti = topicIndexOf(state, action.topic);
      if (ti < 0) throw new SimActionError(action, `unknown topic "${action.topic}"`);
      const t = state.topics[ti]!;
      const from = t.partitions.length;
      if (!Number.isInteger(action.partitions) || action.partitions > MAX_PARTITIONS) throw new SimActionError(action, `partitions must be a whole number up to ${MAX_PARTITIONS}`);
      if (action.partitions <= from) throw new SimActionError(action, `Kafka can only increase the partition count (currently ${from})`);
      for (let p = from; p < action.partitions; p++) t.partitions.push(newPartition(state, ti, p, t.replicationFactor));
      for (const g of state.groups) {
        if (g.topic !== t.name) continue;
        for (let p = from; p < action.partitions; p++) {
          g.committed.push(null);
          g.position.push(0);
          g.done.push(0);
          g.processedHW.push(-1);
        }
      }
      ctx.events.push({ type: 'topic/partitions-increased', atMs: now, topic: t.name, from, to: action.partitions });
      for (const g of state.groups) if (g.topic === t.name) groupChanged(state, g, ctx, now, 'partitions-changed');
      break;
    }
    case 'broker/stop':
    case 'broker/start': {
      if (!Number.isInteger(action.broker) || action.broker < 0 || action.broker >= state.brokers.length) {
        throw new SimActionError(action, `unknown broker ${String(action.broker)} (brokers are 0..${state.brokers.length - 1})`);
      }
      if (action.type === 'broker/stop') stopBroker(state, action.broker, ctx);
      else startBroker(state, action.broker, ctx);
      break;
    }
    case 'record/poison': {
      const ti = topicIndexOf(state, action.topic);
      if (ti < 0) throw new SimActionError(action, `unknown topic "${action.topic}"`);
      const p = action.partition ?? 0;
      const t = state.topics[ti]!;
      if (!Number.isInteger(p) || p < 0 || p >= t.partitions.length) throw new SimActionError(action, `partition must be 0..${t.partitions.length - 1}`);
      t.partitions[p]!.poisonNext = true;
      break;
    }
    case 'producer/send': {
      const ti = topicIndexOf(state, action.topic);
      if (ti < 0) throw new SimActionError(action, `unknown topic "${action.topic}"`);
      const np = state.topics[ti]!.partitions.length;
      if (!Array.isArray(action.records) || action.records.length < 1 || action.records.length > MAX_SEND_RECORDS) {
        throw new SimActionError(action, `records must be a list of 1 to ${MAX_SEND_RECORDS} records`);
      }
      action.records.forEach((r, i) => {
        if (typeof r !== 'object' || r === null) throw new SimActionError(action, `records.${i} must be an object`);
        if (r.key !== null && typeof r.key !== 'string') throw new SimActionError(action, `records.${i}.key must be a string or null`);
        if (r.value !== null && typeof r.value !== 'string') throw new SimActionError(action, `records.${i}.value must be a string or null`);
        if (r.partition !== undefined && (!Number.isInteger(r.partition) || r.partition < 0 || r.partition >= np)) {
          throw new SimActionError(action, `records.${i}.partition must be 0..${np - 1} (topic "${action.topic}" has ${np})`);
        }
        if (r.timestampMs !== undefined && !Number.isFinite(r.timestampMs)) throw new SimActionError(action, `records.${i}.timestampMs must be a number`);
        if (r.encoding !== undefined && r.encoding !== 'base64') throw new SimActionError(action, `records.${i}.encoding must be 'base64' when given`);
        if (r.headers !== undefined && (!Array.isArray(r.headers) || r.headers.some((h) => typeof h?.key !== 'string' || (h.value !== null && typeof h.value !== 'string')))) {
          throw new SimActionError(action, `records.${i}.headers must be a list of { key, value } strings`);
        }
      });
      const acks = action.acks ?? 'all';
      if (acks !== 'all' && acks !== '1' && acks !== '0') throw new SimActionError(action, "acks must be 'all', '1' or '0'");
      sent = action.producer ? sendIdempotent(state, action, acks, ctx, now) : sendRecords(state, action.topic, action.records, acks, ctx, now);
      break;
    }
    case 'producer/init-id':
    case 'topic/delete':
    case 'group/join':
    case 'group/sync':
    case 'group/heartbeat':
    case 'group/leave':
    case 'group/delete':
    case 'offset/commit':
    case 'group/set-slowdown':
      extra = applyProtocolAction(state, action, ctx, now);
      break;
    case 'topic/create': {
      const r = validateTopicConfig(
        action.topic,
        state.topics.map((t) => t.name),
        state.brokers.length,
        state.config.minInsyncReplicas,
      );
      if (!r.ok) throw new SimActionError(action, issuesText(r.issues));
      state.topics.push(newTopic(state, r.topic, state.topics.length));
      ctx.events.push({ type: 'topic/created', atMs: now, topic: r.topic.name, partitions: r.topic.partitions });
      break;
    }
    case 'client/join': {
      const g = needGroup(state, action, action.group);
      if (g.driver !== 'client') throw new SimActionError(action, `group "${g.id}" is not client-driven (create it with driver: 'client')`);
      if (typeof action.member !== 'string' || action.member.length < 1 || action.member.length > 200) throw new SimActionError(action, 'member must be a non-empty id of at most 200 characters');
      if (action.topic !== undefined && action.topic !== g.topic) throw new SimActionError(action, `group "${g.id}" reads topic "${g.topic}", not "${action.topic}"`);
      if (action.fromBeginning !== undefined && typeof action.fromBeginning !== 'boolean') throw new SimActionError(action, 'fromBeginning must be true or false');
      if (g.members.some((m) => m.id === action.member)) throw new SimActionError(action, `member "${action.member}" is already in group "${g.id}"`);
      if (g.members.length >= MAX_MEMBERS) throw new SimActionError(action, `a group can have at most ${MAX_MEMBERS} members`);
      joinClient(state, g, action.member, action.fromBeginning, ctx, now);
      break;
    }
    case 'client/fetch': {
      const g = needGroup(state, action, action.group);
      if (g.driver !== 'client') throw new SimActionError(action, `group "${g.id}" is not client-driven`);
      const m = g.members.find((x) => x.id === action.member);
      if (!m) throw new SimActionError(action, `member "${action.member}" is not in group "${g.id}"`);
      if (m.crashed) throw new SimActionError(action, `member "${m.id}" has crashed`);
      const max = action.max ?? g.timeouts.maxPollRecords;
      if (!Number.isInteger(max) || max < 1 || max > 100_000) throw new SimActionError(action, 'max must be a whole number between 1 and 100000');
      fetched = fetchForClient(state, g, m, max, ctx, now);
      break;
    }
    case 'client/commit': {
      const g = needGroup(state, action, action.group);
      if (g.driver !== 'client') throw new SimActionError(action, `group "${g.id}" is not client-driven`);
      if (!Array.isArray(action.offsets)) throw new SimActionError(action, 'offsets must be a list of { partition, offset }');
      const m = g.members.find((x) => x.id === action.member);
      const refusal = commitRefusal(state, g, m, action.member, action.offsets);
      if (refusal) throw new SimActionError(action, refusal);
      commitForClient(g, action.offsets, ctx, now);
      break;
    }
    default: {
      const never: never = action;
      throw new SimActionError(never, `unknown action type "${(never as { type: string }).type}"`);
    }
  }
  if (state.config.recordActions !== false) state.actions.push({ atMs: now, action: JSON.parse(JSON.stringify(action)) as SimAction });
  const result: ActionResult = { ...extra, state, events: ctx.events };
  if (sent) result.sent = sent;
  if (fetched) result.fetched = fetched;
  return result;
}

function resetTarget(action: Extract<SimAction, { type: 'group/reset-offsets' }>) {
  switch (action.to) {
    case 'earliest':
      return { to: 'earliest' as const };
    case 'latest':
      return { to: 'latest' as const };
    case 'offset':
      return { to: 'offset' as const, offset: action.offset };
    case 'time':
      return { to: 'time' as const, atMs: action.atMs };
    default:
      throw new SimActionError(action, "to must be 'earliest', 'latest', 'offset' or 'time'");
  }
}

/**
 * The offset to restart from to see every record produced at or after atMs, from the partition's
 * coarse time index (entry i: records from offset o[i] on were produced at or after t[i]). Like
 * Kafka's time index it may include a few earlier records, never skip later ones.
 */
export function offsetForTime(index: { t: number[]; o: number[] }, atMs: number, logEnd: number): number {
  let best = -1;
  for (let i = 0; i < index.t.length; i++) {
    if (index.t[i]! <= atMs) best = i;
    else break;
  }
  if (best < 0) return index.o.length ? index.o[0]! : logEnd;
  return index.o[best]!;
}
