/**
 * A share-partition (KIP-932): the broker-side state of one topic-partition for one share group.
 * Records from the share-partition start offset (SPSO) up to the end offset (SPEO) are in flight;
 * each has a state and a delivery count:
 *
 *   Available --acquire--> Acquired --ACCEPT--> Acknowledged
 *                            |  RELEASE or lock timeout: Available again, or Archived when the
 *                            |  delivery count has reached group.share.delivery.count.limit
 *                            +--REJECT--> Archived
 *
 * Records below the SPSO are done; the SPSO moves up over acknowledged and archived records. The
 * window SPEO - SPSO never exceeds group.share.partition.max.record.locks: when it is full, no new
 * records are acquired until the oldest are done. Records are acquired under an acquisition lock
 * that lasts group.share.record.lock.duration.ms. All of this is KIP-932 ("Share-partition",
 * "In-flight records", "Delivery count and archiving").
 */
import type { PartitionState, SharePartitionState } from '../../state.ts';
import type { OffsetResetPolicy, ShareRecordState } from '../../types.ts';

export const AVAILABLE = 0;
export const ACQUIRED = 1;
export const ACKNOWLEDGED = 2;
export const ARCHIVED = 3;

export const STATE_NAMES: ShareRecordState[] = ['available', 'acquired', 'acknowledged', 'archived'];

export function newSharePartition(): SharePartitionState {
  return { startOffset: -1, endOffset: -1, state: [], deliveries: [], lockUntil: [], holder: [], nextExpiryMs: -1 };
}

/** Initialise the SPSO with share.auto.offset.reset (a share group has no committed offsets). */
export function initSharePartition(sp: SharePartitionState, P: PartitionState, reset: OffsetResetPolicy): void {
  sp.startOffset = reset === 'earliest' ? P.logStart : P.hw;
  sp.endOffset = sp.startOffset;
}

/** Retention deleted records below the SPSO: they leave the window (never delivered). Returns how many were skipped. */
export function followLogStart(sp: SharePartitionState, P: PartitionState): number {
  if (sp.startOffset < 0 || P.logStart <= sp.startOffset) return 0;
  const skipped = Math.max(0, P.logStart - sp.endOffset);
  const drop = Math.min(P.logStart - sp.startOffset, sp.state.length);
  sp.state.splice(0, drop);
  sp.deliveries.splice(0, drop);
  sp.lockUntil.splice(0, drop);
  sp.holder.splice(0, drop);
  sp.startOffset = P.logStart;
  if (sp.endOffset < P.logStart) sp.endOffset = P.logStart;
  return skipped;
}

export interface Acquired {
  offsets: number[];
  redelivered: number;
  /** the window was full and records were left behind */
  windowFull: boolean;
}

/**
 * Acquire up to `max` records for `member`: first available records in the window (redeliveries,
 * lowest offset first), then new records from the SPEO up to `upTo` (the log end) while the window
 * has room. Each acquisition counts one delivery and takes a lock until now + lockMs.
 */
export function acquire(sp: SharePartitionState, upTo: number, member: string, max: number, now: number, lockMs: number, maxLocks: number): Acquired {
  const offsets: number[] = [];
  let redelivered = 0;
  const until = now + lockMs;
  for (let i = 0; i < sp.state.length && offsets.length < max; i++) {
    if (sp.state[i] !== AVAILABLE) continue;
    sp.state[i] = ACQUIRED;
    sp.deliveries[i]! += 1;
    sp.lockUntil[i] = until;
    sp.holder[i] = member;
    offsets.push(sp.startOffset + i);
    redelivered += 1;
  }
  while (offsets.length < max && sp.endOffset < upTo && sp.endOffset - sp.startOffset < maxLocks) {
    sp.state.push(ACQUIRED);
    sp.deliveries.push(1);
    sp.lockUntil.push(until);
    sp.holder.push(member);
    offsets.push(sp.endOffset);
    sp.endOffset += 1;
  }
  if (offsets.length && (sp.nextExpiryMs < 0 || until < sp.nextExpiryMs)) sp.nextExpiryMs = until;
  const windowFull = sp.endOffset < upTo && sp.endOffset - sp.startOffset >= maxLocks;
  return { offsets, redelivered, windowFull };
}

export type AckType = 'accept' | 'release' | 'reject';
export type AckOutcome = 'acknowledged' | 'available' | 'archived-rejected' | 'archived-limit' | 'refused';

/**
 * One acknowledgement from `member`. Refused (Kafka's INVALID_RECORD_STATE) unless the record is
 * still acquired by that member: its lock may have expired and another member may hold it now.
 */
export function acknowledge(sp: SharePartitionState, offset: number, member: string, ack: AckType, deliveryLimit: number): AckOutcome {
  const i = offset - sp.startOffset;
  if (i < 0 || i >= sp.state.length || sp.state[i] !== ACQUIRED || sp.holder[i] !== member) return 'refused';
  sp.holder[i] = '';
  sp.lockUntil[i] = -1;
  if (ack === 'accept') {
    sp.state[i] = ACKNOWLEDGED;
    return 'acknowledged';
  }
  if (ack === 'reject') {
    sp.state[i] = ARCHIVED;
    return 'archived-rejected';
  }
  if (sp.deliveries[i]! >= deliveryLimit) {
    sp.state[i] = ARCHIVED;
    return 'archived-limit';
  }
  sp.state[i] = AVAILABLE;
  return 'available';
}

/** Locks that ran out by `now`: per holder, the offsets made available again and those archived at the limit. */
export function expireLocks(sp: SharePartitionState, now: number, deliveryLimit: number): { byMember: Map<string, number[]>; archived: number[] } {
  const byMember = new Map<string, number[]>();
  const archived: number[] = [];
  if (sp.nextExpiryMs < 0 || now < sp.nextExpiryMs) return { byMember, archived };
  let next = -1;
  for (let i = 0; i < sp.state.length; i++) {
    if (sp.state[i] !== ACQUIRED) continue;
    const until = sp.lockUntil[i]!;
    if (until > now) {
      if (next < 0 || until < next) next = until;
      continue;
    }
    const off = sp.startOffset + i;
    const who = sp.holder[i]!;
    (byMember.get(who) ?? byMember.set(who, []).get(who)!).push(off);
    sp.holder[i] = '';
    sp.lockUntil[i] = -1;
    if (sp.deliveries[i]! >= deliveryLimit) {
      sp.state[i] = ARCHIVED;
      archived.push(off);
    } else sp.state[i] = AVAILABLE;
  }
  sp.nextExpiryMs = next;
  return { byMember, archived };
}

/** Release every record `member` holds (it left the group): available again, or archived at the limit. */
export function releaseMember(sp: SharePartitionState, member: string, deliveryLimit: number): { released: number[]; archived: number[] } {
  const released: number[] = [];
  const archived: number[] = [];
  for (let i = 0; i < sp.state.length; i++) {
    if (sp.state[i] !== ACQUIRED || sp.holder[i] !== member) continue;
    sp.holder[i] = '';
    sp.lockUntil[i] = -1;
    if (sp.deliveries[i]! >= deliveryLimit) {
      sp.state[i] = ARCHIVED;
      archived.push(sp.startOffset + i);
    } else {
      sp.state[i] = AVAILABLE;
      released.push(sp.startOffset + i);
    }
  }
  return { released, archived };
}

/** Move the SPSO up over the acknowledged and archived records at the front of the window. */
export function advanceStart(sp: SharePartitionState): void {
  let k = 0;
  while (k < sp.state.length && (sp.state[k] === ACKNOWLEDGED || sp.state[k] === ARCHIVED)) k++;
  if (!k) return;
  sp.state.splice(0, k);
  sp.deliveries.splice(0, k);
  sp.lockUntil.splice(0, k);
  sp.holder.splice(0, k);
  sp.startOffset += k;
}

/** Records in the window by state. */
export function countStates(sp: SharePartitionState): Record<ShareRecordState, number> {
  const c = { available: 0, acquired: 0, acknowledged: 0, archived: 0 };
  for (const s of sp.state) c[STATE_NAMES[s]!] += 1;
  return c;
}

/** Records not yet acknowledged or archived: high watermark - SPSO - done records in the window (0 before initialisation). */
export function shareLag(sp: SharePartitionState, logEnd: number): number {
  if (sp.startOffset < 0) return 0;
  let done = 0;
  for (const s of sp.state) if (s === ACKNOWLEDGED || s === ARCHIVED) done += 1;
  return Math.max(0, logEnd - sp.startOffset - done);
}
