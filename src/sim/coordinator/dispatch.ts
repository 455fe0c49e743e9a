/**
 * The group coordinator's entry points chosen by group type (Kafka's GroupMetadataManager keeps
 * one code path per type: classic, consumer (KIP-848), share (KIP-932)). The engine and the
 * actions call these; each type's module does the work.
 */
import type { Ctx } from '../ctx.ts';
import type { GroupState, MemberState, SimState } from '../state.ts';
import type { RebalanceReason } from '../types.ts';
import { addMember } from './group.ts';
import { removeMember } from './classic/membership.ts';
import { requestRebalance, startGroup } from './classic/rebalance.ts';
import { addConsumerMembers, bumpGroupEpoch, rejoinConsumerMember, removeConsumerMember, startConsumerGroup } from './consumer/coordinator.ts';
import { addShareMembers, removeShareMember, shareMembershipChanged, startShareGroup } from './share/coordinator.ts';

export function startAnyGroup(state: SimState, g: GroupState, ctx: Ctx, now: number): void {
  if (g.type === 'consumer') startConsumerGroup(state, g, ctx, now);
  else if (g.type === 'share') startShareGroup(state, g, ctx, now);
  else startGroup(state, g, ctx, now);
}

/** Membership or metadata changed: a classic rebalance, a new group epoch (consumer) or a new share assignment. */
export function groupChanged(state: SimState, g: GroupState, ctx: Ctx, now: number, reason: RebalanceReason): void {
  if (g.type === 'consumer') bumpGroupEpoch(state, g, ctx, now, reason);
  else if (g.type === 'share') shareMembershipChanged(state, g, ctx, now);
  else requestRebalance(state, g, ctx, now, reason);
}

export function addMembers(state: SimState, g: GroupState, count: number, ctx: Ctx, now: number): void {
  if (g.type === 'consumer') return addConsumerMembers(state, g, count, ctx, now);
  if (g.type === 'share') return addShareMembers(state, g, count, ctx, now);
  for (let i = 0; i < count; i++) addMember(g, ctx, now);
  requestRebalance(state, g, ctx, now, 'member-joined');
}

/** A graceful leave (consumer/remove). */
export function leaveGroup(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number): void {
  if (g.type === 'consumer') removeConsumerMember(state, g, m, ctx, now);
  else if (g.type === 'share') removeShareMember(state, g, m, ctx, now, 'left');
  else removeMember(state, g, m, ctx, now, 'left');
}

/** A member dropped for a poll timeout polls again: it rejoins. */
export function rejoinGroup(state: SimState, g: GroupState, m: MemberState, ctx: Ctx, now: number): void {
  if (g.type === 'consumer') return rejoinConsumerMember(state, g, m, ctx, now);
  m.rejoinPending = false;
  m.inGroup = true;
  m.lastPollMs = now;
  ctx.events.push({ type: 'consumer/joined', atMs: now, group: g.id, member: m.id });
  requestRebalance(state, g, ctx, now, 'member-joined');
}
