/**
 * Which rebalance protocol and which assignor a classic group uses, from each member's ordered
 * `partition.assignment.strategy` list, as Apache Kafka decides it:
 *
 * - Each consumer takes the highest rebalance protocol that every assignor in its own list
 *   supports (`ConsumerCoordinator`'s constructor, KIP-429). `range`, `roundrobin` and `sticky`
 *   support only EAGER; `cooperative-sticky` supports EAGER and COOPERATIVE. So
 *   `[cooperative-sticky]` is cooperative, and the default `[range, cooperative-sticky]` is eager.
 * - The coordinator picks the group's assignor among those every member lists, by one vote per
 *   member for its first such assignor (`GroupMetadata.selectProtocol` / `MemberMetadata.vote`).
 * - A member whose list shares no assignor with every current member is refused with
 *   INCONSISTENT_GROUP_PROTOCOL (`GroupMetadata.supportsProtocols`).
 */
import type { AssignorName } from '../../kafka/index.ts';
import type { GroupState, MemberState } from '../../state.ts';
import type { RebalanceProtocol } from '../../types.ts';

/** `ConsumerPartitionAssignor.supportedProtocols()` of Kafka's four built-in assignors. */
export const SUPPORTED_PROTOCOLS: Readonly<Record<AssignorName, readonly RebalanceProtocol[]>> = {
  range: ['eager'],
  roundrobin: ['eager'],
  sticky: ['eager'],
  'cooperative-sticky': ['eager', 'cooperative'],
};

/** Kafka's default `partition.assignment.strategy` since 3.0: `[RangeAssignor, CooperativeStickyAssignor]` (ConsumerConfig). */
export const DEFAULT_ASSIGNORS: readonly AssignorName[] = ['range', 'cooperative-sticky'];

/**
 * The rebalance protocol of a consumer with this assignor list: the highest protocol (COOPERATIVE
 * above EAGER) supported by every assignor in it (ConsumerCoordinator, KIP-429).
 */
export function protocolOf(assignors: readonly AssignorName[]): RebalanceProtocol {
  return assignors.length > 0 && assignors.every((a) => SUPPORTED_PROTOCOLS[a].includes('cooperative')) ? 'cooperative' : 'eager';
}

/** The assignor list a member joined with (the group's configured list unless it was restarted with another). */
export function assignorsOf(g: GroupState, m: MemberState): readonly AssignorName[] {
  return m.assignors ?? g.assignors;
}

export function memberProtocol(g: GroupState, m: MemberState): RebalanceProtocol {
  return protocolOf(assignorsOf(g, m));
}

/**
 * The group's rebalance protocol as learners see it: cooperative only when every member is
 * cooperative; while any member still runs eager, that member stops everything in each rebalance.
 */
export function groupProtocol(g: GroupState): RebalanceProtocol {
  let any = false;
  for (const m of g.members) {
    if (!m.inGroup || m.crashed) continue;
    any = true;
    if (memberProtocol(g, m) === 'eager') return 'eager';
  }
  return any ? 'cooperative' : protocolOf(g.assignors);
}

/** Assignors every list contains, in the order of the first list. */
function common(lists: readonly (readonly AssignorName[])[]): AssignorName[] {
  const [first, ...rest] = lists;
  if (!first) return [];
  return first.filter((a) => rest.every((l) => l.includes(a)));
}

/**
 * GroupMetadata.selectProtocol: among the assignors every member supports, each member votes for
 * the first one in its own list; the most votes win. Ties (Kafka takes whichever its map yields
 * first) go to the earlier one in the first member's list. Null when the lists share nothing.
 */
export function selectAssignor(lists: readonly (readonly AssignorName[])[]): AssignorName | null {
  const candidates = common(lists);
  if (!candidates.length) return null;
  const votes = new Map<AssignorName, number>();
  for (const l of lists) {
    const vote = l.find((a) => candidates.includes(a))!;
    votes.set(vote, (votes.get(vote) ?? 0) + 1);
  }
  let best = candidates[0]!;
  for (const c of candidates) if ((votes.get(c) ?? 0) > (votes.get(best) ?? 0)) best = c;
  return best;
}

/**
 * GroupMetadata.supportsProtocols: may a member with `joining` join a group whose current members
 * have `lists`? An empty group accepts any list; otherwise the joiner must list an assignor that
 * every current member lists.
 */
export function supportsAssignors(lists: readonly (readonly AssignorName[])[], joining: readonly AssignorName[]): boolean {
  if (!lists.length) return joining.length > 0;
  const candidates = common(lists);
  return joining.some((a) => candidates.includes(a));
}

/** The lists of a group's current members, as the coordinator holds them (crashed members count until their session expires). */
export function memberLists(g: GroupState, except?: MemberState): (readonly AssignorName[])[] {
  return g.members.filter((m) => m !== except && (m.inGroup || m.crashed)).map((m) => assignorsOf(g, m));
}
