import type { LabView, MemberStatus } from './runtime/types.ts';

const SHOWN_RECORDS = 12;

/** A stable colour slot (0..5) per key, so one user's records look alike. The key is always printed too. */
function keySlot(key: string | null): number {
  if (key === null) return 6;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(h) % 6;
}

const statusText: Record<MemberStatus, string> = {
  joining: 'joining',
  active: 'reading',
  idle: 'caught up',
  rebalancing: 'rebalancing',
  leaving: 'leaving',
  crashed: 'crashed',
};

/** The learner's topic, partitions, groups, offsets and lag, drawn from the worker's snapshots. */
export function LabViz({ view, running }: { view: LabView; running: boolean }) {
  const topic = view.topics.find((t) => t.name === 'orders') ?? view.topics[0];
  const groups = view.groups.filter((g) => !topic || g.topic === topic.name || g.topic === null);
  return (
    <section className="labviz" aria-labelledby="labviz-title">
      <h3 id="labviz-title">
        Your cluster {running ? <span className="labviz__badge">running, {(view.timeMs / 1000).toFixed(1)} s simulated</span> : view.timeMs > 0 ? <span className="labviz__badge">after {(view.timeMs / 1000).toFixed(1)} s simulated</span> : null}
      </h3>
      {!topic ? (
        <p className="labviz__empty">No topic yet. Run a step to see your topic, its partitions and your consumer groups here.</p>
      ) : (
        <>
          <p className="labviz__summary">
            Topic <strong>{topic.name}</strong>: {topic.partitions.length} {topic.partitions.length === 1 ? 'partition' : 'partitions'}, {view.produced} {view.produced === 1 ? 'record' : 'records'} written.
          </p>
          <ol className="labviz__partitions" aria-label={`Partitions of ${topic.name}`}>
            {topic.partitions.map((p) => {
              const shown = p.recent.slice(-SHOWN_RECORDS);
              const hidden = p.logEnd - shown.length;
              const keys = [...new Set(p.recent.map((r) => r.key ?? 'no key'))];
              return (
                <li key={p.id} className="labviz__partition">
                  <span className="labviz__pid">P{p.id}</span>
                  <span className="labviz__more" aria-hidden="true">
                    {hidden > 0 ? `+${hidden}` : ''}
                  </span>
                  <span className="labviz__log" aria-hidden="true">
                    {shown.map((r) => (
                      <span key={r.offset} className={`labviz__rec labviz__rec--k${keySlot(r.key)}`} title={`offset ${r.offset}, key ${r.key ?? 'none'}: ${r.value ?? ''}`}>
                        {r.key ?? '∅'}
                      </span>
                    ))}
                  </span>
                  <span className="visually-hidden">
                    Partition {p.id}: {p.logEnd} records{keys.length ? `, keys ${keys.join(', ')}` : ''}.
                  </span>
                  <span className="labviz__end">end {p.logEnd}</span>
                </li>
              );
            })}
          </ol>
          {groups.length === 0 ? (
            <p className="labviz__empty">No consumer group has joined yet.</p>
          ) : (
            <div className="table-scroll">
              <table className="labviz__table">
                <caption>Consumer groups: members, owned partitions, committed offsets and lag</caption>
                <thead>
                  <tr>
                    <th scope="col">Group</th>
                    <th scope="col">Members (status: partitions, records handled)</th>
                    {topic.partitions.map((p) => (
                      <th scope="col" key={p.id}>
                        P{p.id}
                        <span className="visually-hidden"> committed / lag</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {groups.map((g) => (
                    <tr key={g.id}>
                      <th scope="row">
                        {g.id}
                        <span className="labviz__gen">gen {g.generation}{g.rebalancing ? ', rebalancing' : ''}</span>
                      </th>
                      <td>
                        {g.members.length === 0 ? (
                          <span className="labviz__muted">no members</span>
                        ) : (
                          <ul className="labviz__members">
                            {g.members.map((m) => (
                              <li key={m.id} className={`labviz__member labviz__member--${m.status}`}>
                                <strong>{m.id}</strong> ({statusText[m.status]}: {m.partitions.length ? m.partitions.map((x) => `P${x}`).join(' ') : 'no partitions'}, {m.processed} handled)
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      {topic.partitions.map((p) => {
                        const c = g.committed[p.id] ?? null;
                        const lag = g.lag[p.id] ?? null;
                        return (
                          <td key={p.id} className={lag !== null && lag > 0 ? 'labviz__lag' : undefined}>
                            {c === null ? '–' : c}
                            <span className="labviz__lagtext">{lag === null ? '' : lag > 0 ? ` lag ${lag}` : ' ✓'}</span>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
