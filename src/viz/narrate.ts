import type { LeaveReason, ProduceFailure, ProduceWait, RebalanceReason, SimEvent } from '../sim/types';

/**
 * Turns the simulator's events into sentences for the event log (also an aria-live region).
 * Per-record events are summarised, never listed one by one; events of one step become one line.
 */

export interface LogLine {
  atMs: number;
  text: string;
  /** 'fault' lines are faults and failures; 'group' lines are membership and rebalances */
  tone: 'info' | 'group' | 'fault';
}

/** "3", "3 and 4", "0, 1 and 2", "0, 1, 2 and 9 more" */
export function listNumbers(ns: readonly number[], max = 6): string {
  const sorted = [...ns].sort((a, b) => a - b);
  if (sorted.length === 0) return 'none';
  if (sorted.length === 1) return String(sorted[0]);
  if (sorted.length > max) return `${sorted.slice(0, max).join(', ')} and ${sorted.length - max} more`;
  return `${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}

const partitionWord = (ns: readonly number[]) => (ns.length === 1 ? `partition ${ns[0]}` : `partitions ${listNumbers(ns)}`);

const leaveWords: Record<LeaveReason, string> = {
  left: 'left the group',
  crashed: 'was removed after it crashed',
  'session-timeout': 'was removed: no heartbeat within session.timeout.ms',
  'poll-timeout': 'was removed: it did not poll within max.poll.interval.ms',
  'group-removed': 'stopped with its group',
  restarted: 'left the group to restart',
};

const rebalanceWords: Record<RebalanceReason, string> = {
  'member-joined': 'a consumer joined',
  'member-left': 'a consumer left',
  'partitions-changed': 'the partition count changed',
  'assignor-changed': 'the assignor changed',
  'offsets-reset': 'offsets were reset',
  'group-started': 'the group started',
  revoked: 'consumers gave up partitions and rejoined',
};

const failWords: Record<ProduceFailure, string> = {
  'not-enough-replicas': 'NOT_ENOUGH_REPLICAS: fewer in-sync replicas than min.insync.replicas',
  'partition-offline': 'partition offline',
  'request-timed-out': 'no answer from a leader that is down and not yet fenced',
  'delivery-timeout': 'delivery.timeout.ms expired while they waited to be written or acknowledged',
  'buffer-exhausted': 'send() gave up after max.block.ms: buffer.memory is full',
};

const waitWords: Record<ProduceWait, string> = {
  'leader-unreachable': 'the leader is down and not yet fenced',
  'no-leader': 'no leader: the partition is offline',
  'not-enough-replicas': 'NOT_ENOUGH_REPLICAS: fewer in-sync replicas than min.insync.replicas',
  'in-flight': 'earlier batches still await acknowledgement',
};

const isrWords = { fenced: 'its broker was fenced', lagging: 'no catch-up within replica.lag.time.max.ms', 'caught-up': 'caught up' } as const;

const epochReasonWords: Partial<Record<string, string>> = {
  'group-started': 'the group started',
  'member-joined': 'a member joined',
  'member-left': 'a member left',
  'partitions-changed': 'the topic has more partitions',
  'offsets-reset': 'offsets were reset',
};

function targetWords(t: Record<string, number[]>): string {
  const e = Object.entries(t);
  const shown = e.slice(0, 4).map(([m, p]) => `${m} ${p.length ? partitionWord(p) : 'nothing'}`);
  return `${shown.join(', ')}${e.length > 4 ? ` and ${e.length - 4} more` : ''}`;
}

function recordsWord(offsets: number[]): string {
  if (offsets.length === 1) return `the record at offset ${offsets[0]}`;
  return `${offsets.length} records (offsets ${offsets[0]} to ${offsets[offsets.length - 1]})`;
}

export function formatTime(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${(s - m * 60).toFixed(0).padStart(2, '0')} s`;
}

/**
 * Sentences for one batch of events (typically one step): one line per thing that happened, each
 * with its own tone, in the order they happened (grouped summaries last). Empty if nothing worth
 * saying happened.
 */
export function narrateLines(events: readonly SimEvent[]): LogLine[] {
  const phrases: string[] = [];
  const tones: LogLine['tone'][] = [];
  let atMs = -1;
  // each phrase takes the tone its event set: fault() or group() after pushing it
  const mark = () => {
    while (tones.length < phrases.length) tones.push('info');
  };
  const failed = new Map<ProduceFailure, number>();
  const deadLettered = new Map<string, number>();
  const leaders: string[] = [];
  const isrChanged = new Set<number>();
  const isrMoves = new Map<string, number[]>();
  const waiting = new Map<string, number[]>();
  const late = new Map<string, { count: number; maxWaitMs: number }>();
  const revoked = new Map<string, number[]>();
  const assigned = new Map<string, { member: string; partitions: number[] }[]>();
  // phrases pushed for the current event take the tone it sets (events that only count things,
  // such as failed writes, push no phrase and set no tone here)
  let eventStart = 0;
  const setTone = (t: LogLine['tone']) => {
    mark();
    for (let i = eventStart; i < tones.length; i++) if (t === 'fault' || tones[i] === 'info') tones[i] = t;
  };
  const fault = () => setTone('fault');
  const group = () => setTone('group');

  const flushRevoked = () => {
    for (const [g, parts] of revoked) {
      mark();
      phrases.push(`${g}: ${partitionWord(parts)} paused`);
      tones.push('group');
    }
    revoked.clear();
  };

  for (const e of events) {
    if (atMs < 0) atMs = e.atMs;
    mark();
    eventStart = phrases.length;
    switch (e.type) {
      case 'record/produced':
      case 'record/consumed':
      case 'offset/committed':
      case 'log/truncated':
        break;
      case 'record/failed':
        failed.set(e.reason, (failed.get(e.reason) ?? 0) + e.count);
        fault();
        break;
      case 'producer/waiting': {
        const k = `${e.producer}|${e.reason}`;
        const list = waiting.get(k) ?? [];
        list.push(e.partition);
        waiting.set(k, list);
        fault();
        break;
      }
      case 'producer/delivered-late': {
        const l = late.get(e.producer) ?? { count: 0, maxWaitMs: 0 };
        l.count += e.count;
        l.maxWaitMs = Math.max(l.maxWaitMs, e.maxWaitMs);
        late.set(e.producer, l);
        break;
      }
      case 'producer/blocked':
        phrases.push(`${e.producer}: buffer.memory is full (${e.bufferedRecords.toLocaleString('en')} records): send() blocks, for at most max.block.ms`);
        fault();
        break;
      case 'producer/unblocked':
        phrases.push(`${e.producer}: room in the buffer again after ${formatTime(e.blockedMs)}, and send() goes on`);
        break;
      case 'record/dead-lettered':
        deadLettered.set(e.group, (deadLettered.get(e.group) ?? 0) + 1);
        fault();
        break;
      case 'record/poisoned':
        phrases.push(`a poison record was written to partition ${e.partition} at offset ${e.offset}`);
        fault();
        break;
      case 'offset/commit-failed':
        phrases.push(`${e.member}'s commit was rejected: it is no longer a member of ${e.group}`);
        fault();
        break;
      case 'consumer/joined':
        phrases.push(`${e.member} joined ${e.group}`);
        group();
        break;
      case 'consumer/left':
        if (e.reason === 'restarted') break;
        phrases.push(`${e.member} ${leaveWords[e.reason]}`);
        if (e.reason !== 'left' && e.reason !== 'group-removed') fault();
        else group();
        break;
      case 'consumer/restarted':
        phrases.push(`rolling bounce: ${e.member} restarts with partition.assignment.strategy [${e.assignors.join(', ')}] and rejoins as ${e.newMember}`);
        group();
        break;
      case 'consumer/join-refused':
        phrases.push(
          `${e.member} cannot join ${e.group}: its assignors [${e.assignors.join(', ')}] share none with every other member (INCONSISTENT_GROUP_PROTOCOL), so the restarted consumer fails`,
        );
        fault();
        break;
      case 'group/bounce-started':
        phrases.push(`${e.group}: rolling bounce to [${e.assignors.join(', ')}], one consumer at a time (${e.members} to restart)`);
        group();
        break;
      case 'group/bounce-completed':
        phrases.push(`${e.group}: rolling bounce done: every member now lists [${e.assignors.join(', ')}]`);
        group();
        break;
      case 'group/bounce-stopped':
        phrases.push(`${e.group}: the rolling bounce stops`);
        fault();
        break;
      case 'consumer/crashed':
        phrases.push(`${e.member} crashed (no LeaveGroup, so the coordinator notices after the session timeout)`);
        fault();
        break;
      case 'consumer/revoked': {
        const list = revoked.get(e.group) ?? [];
        list.push(...e.partitions);
        revoked.set(e.group, list);
        group();
        break;
      }
      case 'consumer/assigned': {
        const list = assigned.get(e.group) ?? [];
        list.push({ member: e.member, partitions: e.partitions });
        assigned.set(e.group, list);
        group();
        break;
      }
      case 'consumer/stuck':
        phrases.push(
          `${e.member} is stuck on partition ${e.partition} at offset ${e.offset} (${e.reason === 'poison' ? 'a poison record' : 'the downstream service is down'})`,
        );
        fault();
        break;
      case 'group/created':
        phrases.push(`group ${e.group} created, reading ${e.topic}`);
        group();
        break;
      case 'group/removed':
        phrases.push(`group ${e.group} removed`);
        group();
        break;
      case 'group/rebalance-started':
        flushRevoked();
        phrases.push(
          `${e.group}: rebalance started (${rebalanceWords[e.reason]}; ${
            e.mixed
              ? 'members with an eager assignor in their list give up everything, cooperative members keep their partitions'
              : e.protocol === 'eager'
                ? 'eager: every consumer stops'
                : 'cooperative: consumers keep their partitions; only the ones that move stop'
          })`,
        );
        group();
        break;
      case 'group/rebalance-round':
        phrases.push(`${e.group}: JoinGroup round ${e.round}: the consumers that gave up partitions rejoin, and those partitions are assigned`);
        group();
        break;
      case 'group/rebalance-completed':
        phrases.push(`${e.group}: rebalance done in ${(e.durationMs / 1000).toFixed(1)} s (generation ${e.generation})`);
        group();
        break;
      case 'group/offsets-reset':
        phrases.push(`${e.group}: offsets reset to ${e.target.to === 'offset' ? `offset ${e.target.offset}` : e.target.to === 'time' ? formatTime(e.target.atMs) : e.target.to}`);
        group();
        break;
      case 'group/config-changed':
        phrases.push(`${e.group}: ${e.field} changed`);
        break;
      case 'broker/stopped':
        phrases.push(
          e.fencedAfterMs === undefined
            ? `broker ${e.broker} stopped`
            : `broker ${e.broker} stopped. The controller fences it only after broker.session.timeout.ms (${formatTime(e.fencedAfterMs)}): until then the partitions it leads take no writes and serve no reads, and acks=all writes to partitions it follows wait`,
        );
        fault();
        break;
      case 'broker/fenced':
        phrases.push(`the controller fenced broker ${e.broker} (no heartbeat for ${formatTime(e.afterMs)}): it leaves the in-sync replicas and its partitions get new leaders`);
        fault();
        break;
      case 'broker/started':
        phrases.push(`broker ${e.broker} started`);
        break;
      case 'partition/leader-changed':
        leaders.push(`${e.partition} (${e.from} → ${e.to})`);
        break;
      case 'partition/offline':
        phrases.push(`partition ${e.partition} is offline: no in-sync replica can lead`);
        fault();
        break;
      case 'partition/isr-changed':
        if (e.reason && (e.removed !== undefined || e.added !== undefined)) {
          const k = `${e.removed !== undefined ? `-${e.removed}` : `+${e.added}`}|${e.reason}`;
          const list = isrMoves.get(k) ?? [];
          list.push(e.partition);
          isrMoves.set(k, list);
        } else isrChanged.add(e.partition);
        break;
      case 'topic/partitions-increased':
        phrases.push(`${e.topic} grew from ${e.from} to ${e.to} partitions`);
        break;
      case 'producer/rate-changed':
        phrases.push(`${e.producer} now sends ${e.ratePerSec} records/s`);
        break;
      case 'producer/keys-changed':
        phrases.push(`${e.producer} now keys records by ${e.keys.mode === 'user' ? 'user' : e.keys.mode === 'none' ? 'nothing (no key)' : e.keys.mode}`);
        break;
      // KIP-848 consumer groups
      case 'group/epoch-bumped':
        phrases.push(
          `${e.group}: group epoch ${e.groupEpoch} (${epochReasonWords[e.reason] ?? e.reason}); the coordinator's ${e.assignor} assignor computed a new target: ${targetWords(e.target)}`,
        );
        group();
        break;
      case 'consumer/revocation-requested':
        phrases.push(`${e.group}: the coordinator asks ${e.member} to give up ${partitionWord(e.partitions)} first; it stays at epoch ${e.memberEpoch} until it has`);
        group();
        break;
      case 'consumer/epoch-updated':
        phrases.push(
          `${e.group}: ${e.member} reached epoch ${e.memberEpoch}${e.partitions.length ? ` and keeps fetching ${partitionWord(e.partitions)}` : ''}${e.waiting.length ? `; ${partitionWord(e.waiting)} will come once released` : ''}`,
        );
        group();
        break;
      case 'consumer/static-left':
        phrases.push(`${e.group}: static member ${e.member} (${e.instanceId}) left for now; its partitions wait for it until the session timeout and nobody else fetches them`);
        group();
        break;
      case 'consumer/static-rejoined':
        phrases.push(`${e.group}: ${e.instanceId} is back as ${e.member} and takes its partitions again, with no new group epoch`);
        group();
        break;
      // KIP-932 share groups
      case 'share/acquired':
        if (e.redelivered > 0) {
          phrases.push(`${e.group}: ${e.member} acquired ${e.redelivered} record${e.redelivered === 1 ? '' : 's'} of partition ${e.partition} again (offset ${e.offsets[0]}${e.offsets.length > 1 ? ' and others' : ''}), a redelivery`);
          group();
        }
        break;
      case 'share/acknowledged':
        if (e.ack !== 'accept') {
          phrases.push(`${e.group}: ${e.member} ${e.ack === 'release' ? 'released' : 'rejected'} ${recordsWord(e.offsets)} of partition ${e.partition}${e.ack === 'release' ? ' (it can be delivered again)' : ''}`);
          fault();
        }
        break;
      case 'share/lock-expired':
        phrases.push(`${e.group}: the acquisition lock of ${recordsWord(e.offsets)} of partition ${e.partition} held by ${e.member} ran out; they are available to any member`);
        fault();
        break;
      case 'share/archived':
        phrases.push(
          `${e.group}: ${recordsWord(e.offsets)} of partition ${e.partition} archived (${e.reason === 'rejected' ? 'rejected by the consumer' : 'the delivery count limit was reached'}); never delivered again`,
        );
        fault();
        break;
      case 'share/ack-refused':
        phrases.push(`${e.group}: ${e.member} finished offset ${e.offset} of partition ${e.partition} after its lock ran out; the broker refuses the acknowledgement and the record is processed again`);
        fault();
        break;
      case 'share/window-full':
        phrases.push(`${e.group}: partition ${e.partition} has ${e.inFlight} records in flight from offset ${e.startOffset}, the limit: no newer records until the oldest are acknowledged`);
        fault();
        break;
    }
  }
  flushRevoked();
  mark();
  const say = (text: string, t: LogLine['tone']) => {
    phrases.push(text);
    tones.push(t);
  };
  for (const [g, list] of assigned) {
    const owners = list.filter((a) => a.partitions.length > 0);
    const idle = list.filter((a) => a.partitions.length === 0).map((a) => a.member);
    if (owners.length > 3) {
      // a long list of owners helps nobody in a log line: the picture and the tables list them
      const parts = owners.reduce((n, a) => n + a.partitions.length, 0);
      say(`${g}: ${parts} partitions handed out to ${owners.length} consumers`, 'group');
    } else if (owners.length) {
      say(`${g}: ${owners.map((a) => `${a.member} owns ${partitionWord(a.partitions)}`).join(', ')}`, 'group');
    }
    if (idle.length) {
      const names = idle.length > 6 ? `${idle.slice(0, 6).join(', ')} and ${idle.length - 6} more` : idle.length === 1 ? idle[0] : `${idle.slice(0, -1).join(', ')} and ${idle[idle.length - 1]}`;
      say(`${g}: ${names} ${idle.length === 1 ? 'is' : 'are'} idle (no partition left for ${idle.length === 1 ? 'it' : 'them'})`, 'group');
    }
  }
  if (leaders.length) say(`leadership moved for partition${leaders.length > 1 ? 's' : ''} ${leaders.slice(0, 6).join(', ')}${leaders.length > 6 ? ` and ${leaders.length - 6} more` : ''}`, 'info');
  if (isrChanged.size) say(`in-sync replicas changed on ${partitionWord([...isrChanged])}`, 'info');
  for (const [k, parts] of isrMoves) {
    const [who, reason] = k.split('|') as [string, keyof typeof isrWords];
    const broker = who.slice(1);
    if (who.startsWith('-')) say(`broker ${broker} left the in-sync replicas of ${partitionWord(parts)} (${isrWords[reason]})`, 'fault');
    else say(`broker ${broker} ${isrWords[reason]} and rejoined the in-sync replicas of ${partitionWord(parts)}`, 'info');
  }
  for (const [k, parts] of waiting) {
    const [producer, reason] = k.split('|') as [string, ProduceWait];
    say(`${producer}: writes to ${partitionWord(parts)} wait in its buffer and are retried (${waitWords[reason]}). They fail only if delivery.timeout.ms runs out`, 'fault');
  }
  for (const [producer, l] of late) say(`${producer}: ${l.count.toLocaleString('en')} record${l.count === 1 ? '' : 's'} that had waited ${l.count === 1 ? 'was' : 'were'} acknowledged, the longest after ${formatTime(l.maxWaitMs)}`, 'info');
  for (const [reason, n] of failed) say(`${n.toLocaleString('en')} write${n === 1 ? '' : 's'} failed (${failWords[reason]})`, 'fault');
  for (const [g, n] of deadLettered) say(`${g}: ${n} record${n === 1 ? '' : 's'} sent to the dead-letter topic`, 'fault');
  mark();
  const at = Math.max(0, atMs);
  return phrases.map((text, i) => ({ atMs: at, text, tone: tones[i] ?? 'info' }));
}

/**
 * One batch of events as a single line (the lines of narrateLines joined), or null. The visualiser
 * shows narrateLines, one event per line; this is for places that want one sentence.
 */
export function narrate(events: readonly SimEvent[]): LogLine | null {
  const lines = narrateLines(events);
  if (lines.length === 0) return null;
  const tone: LogLine['tone'] = lines.some((l) => l.tone === 'fault') ? 'fault' : lines.some((l) => l.tone === 'group') ? 'group' : 'info';
  return { atMs: lines[0]!.atMs, text: lines.map((l) => l.text).join('; '), tone };
}
