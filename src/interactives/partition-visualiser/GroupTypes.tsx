import type { GroupView, ShareRecordState, SimView } from '../../sim';

const STATE_WORDS: Record<ShareRecordState, string> = {
  available: 'available',
  acquired: 'acquired (locked)',
  acknowledged: 'acknowledged',
  archived: 'archived',
};

const MEMBER_STATE_WORDS = {
  stable: 'stable',
  reconciling: 'catching up at its next heartbeat',
  'unrevoked-partitions': 'giving up partitions',
  'unreleased-partitions': 'waiting for partitions to be released',
  'left-static': 'static member away (partitions reserved)',
} as const;

const parts = (p: number[]) => (p.length ? p.map((x) => `P${x}`).join(', ') : 'none');

/** KIP-848: the group epoch, the target assignment and each member's epoch and reconciliation, as a table. */
function ConsumerProtocol({ g }: { g: GroupView }) {
  const c = g.consumerGroup!;
  return (
    <section className="viz-proto" aria-labelledby={`proto-${g.id}`} data-consumer-protocol={g.id}>
      <h3 id={`proto-${g.id}`} className="viz-proto__title">
        {g.id}: consumer protocol (KIP-848)
      </h3>
      <p className="viz-proto__lead">
        Group epoch <strong data-group-epoch="">{c.groupEpoch}</strong>, target assignment epoch {c.assignmentEpoch}, computed by the broker&apos;s <code>{c.assignor}</code> assignor.
        Members catch up one heartbeat at a time; those whose partitions do not move keep fetching.
      </p>
      <table className="viz-proto__table">
        <caption className="visually-hidden">Members of {g.id} with their epochs</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Epoch</th>
            <th scope="col">Owns</th>
            <th scope="col">Target</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {c.members.map((m) => {
            const owns = g.members.find((x) => x.id === m.id)?.partitions ?? [];
            const behind = m.memberEpoch < c.assignmentEpoch;
            return (
              <tr key={m.id} data-member={m.id} data-state={m.state}>
                <th scope="row">
                  {m.id}
                  {m.instanceId ? <span className="viz-proto__static"> ({m.instanceId})</span> : null}
                </th>
                <td className={behind ? 'viz-proto__behind' : undefined}>{m.memberEpoch}</td>
                <td>{parts(owns)}</td>
                <td>{parts(c.target[m.id] ?? [])}</td>
                <td>
                  {MEMBER_STATE_WORDS[m.state]}
                  {m.revoking.length ? `: ${parts(m.revoking)}` : ''}
                  {m.waiting.length && m.state !== 'unrevoked-partitions' ? `: ${parts(m.waiting)}` : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** KIP-932: each share-partition's window of in-flight records with their state and delivery count. */
function ShareGroup({ g }: { g: GroupView }) {
  const s = g.shareGroup!;
  return (
    <section className="viz-proto" aria-labelledby={`proto-${g.id}`} data-share-group={g.id}>
      <h3 id={`proto-${g.id}`} className="viz-proto__title">
        {g.id}: share group (KIP-932)
      </h3>
      <p className="viz-proto__lead">
        Every member may fetch from every partition; each record goes to one member at a time under an acquisition lock. {s.stats.accepted.toLocaleString('en')} accepted,{' '}
        <span data-share-redelivered="">{s.stats.redelivered} redelivered</span>, {s.stats.released} released, {s.stats.rejected} rejected,{' '}
        <span data-share-archived="">{s.stats.archived} archived</span>, {s.stats.lockExpired} locks ran out.
      </p>
      <ul className="viz-share" aria-label={`In-flight records of ${g.id} per partition`}>
        {s.partitions.map((p) => {
          const holders = [...new Set(p.records.filter((r) => r.member).map((r) => r.member!))];
          return (
            <li key={p.partition} className="viz-share__partition" data-share-partition={p.partition}>
              <span className="viz-share__label">
                P{p.partition}: start {p.startOffset < 0 ? '-' : p.startOffset}, {p.counts.acquired} acquired{holders.length ? ` by ${holders.join(', ')}` : ''}, {p.counts.available} available,{' '}
                {p.counts.archived} archived in flight
              </span>
              <span className="viz-share__cells" aria-hidden="true">
                {p.records.map((r) => (
                  <span key={r.offset} className={`viz-share__cell viz-share__cell--${r.state}`} title={`offset ${r.offset}: ${STATE_WORDS[r.state]}, delivered ${r.deliveryCount}x${r.member ? ` to ${r.member}` : ''}`}>
                    {r.deliveryCount > 1 ? r.deliveryCount : ''}
                  </span>
                ))}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="viz-share__legend">
        <span className="viz-share__cell viz-share__cell--acquired" aria-hidden="true" /> acquired <span className="viz-share__cell viz-share__cell--available" aria-hidden="true" /> available{' '}
        <span className="viz-share__cell viz-share__cell--acknowledged" aria-hidden="true" /> acknowledged <span className="viz-share__cell viz-share__cell--archived" aria-hidden="true" /> archived; a number is
        the delivery count of a record delivered more than once.
      </p>
    </section>
  );
}

const protocolWords = (g: GroupView) => (g.type === 'consumer' ? 'consumer protocol (KIP-848)' : `classic, ${g.protocol}`);

/**
 * Paused partition-time of groups that rebalance differently, side by side: partition-seconds during
 * which a partition of the group had no member fetching it (the simulator's pausedMs is weighted by
 * the share of partitions paused, so it is multiplied by the partition count here). Shown only when
 * at least two groups that can pause (not share groups) use different protocols.
 */
function comparedGroups(view: SimView): GroupView[] {
  const groups = view.groups.filter((g) => g.type !== 'share');
  return groups.length >= 2 && new Set(groups.map(protocolWords)).size >= 2 ? groups : [];
}

function PausedComparison({ view, groups }: { view: SimView; groups: GroupView[] }) {
  const partitionsOf = (g: GroupView) => view.topics.find((t) => t.name === g.topic)?.partitions.length ?? 0;
  const seconds = (g: GroupView) => (g.pausedMs * partitionsOf(g)) / 1000;
  const least = Math.min(...groups.map(seconds));
  return (
    <section className="viz-proto" aria-labelledby="proto-paused" data-paused-comparison="">
      <h3 id="proto-paused" className="viz-proto__title">
        Paused partition-time so far, by protocol
      </h3>
      <p className="viz-proto__lead">Partition-seconds during which a partition had no member fetching it, because of a rebalance or a hand-over.</p>
      <ul className="viz-paused">
        {groups.map((g) => (
          <li key={g.id} data-paused-group={g.id}>
            <strong>{g.id}</strong> ({protocolWords(g)}): <span data-paused-seconds="">{seconds(g).toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</span> partition-seconds
            {seconds(g) === least && groups.some((o) => seconds(o) > least) ? ', the least' : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The protocol details of consumer (KIP-848) and share (KIP-932) groups, and the paused-time comparison; nothing for classic groups alone. */
export function GroupTypePanels({ view }: { view: SimView }) {
  const shown = view.groups.filter((g) => g.type === 'consumer' || g.type === 'share');
  const compared = comparedGroups(view);
  if (!shown.length && !compared.length) return null;
  return (
    <div className="viz-protos">
      {compared.length ? <PausedComparison view={view} groups={compared} /> : null}
      {shown.map((g) => (g.type === 'consumer' ? <ConsumerProtocol key={g.id} g={g} /> : <ShareGroup key={g.id} g={g} />))}
    </div>
  );
}
