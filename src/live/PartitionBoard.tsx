import type { ClassicGroupView, PartitionView } from '../sim/types.ts';
import { keyColor } from '../viz/colors';
import { memberLabel } from './liveModel';

/** Newest records each partition's strip shows. */
const STRIP = 24;

/**
 * One topic as a table an instructor can project: per partition its leader (highlighted with the
 * previous one for a while after it moves), its replicas with the in-sync ones marked, its newest
 * records coloured by key, and for each listed group the owner and lag. Plain DOM, so text keeps
 * the page's size and every cell is read by a screen reader.
 */
export function PartitionBoard({
  topic,
  partitions,
  groups,
  moved,
}: {
  topic: string;
  partitions: PartitionView[];
  groups: ClassicGroupView[];
  /** partition id → previous leader, for partitions whose leader moved recently */
  moved: ReadonlyMap<number, number>;
}) {
  return (
    <table className="live__board" data-live-board={topic}>
      <caption className="visually-hidden">Partitions of {topic}: leader, replicas (in-sync marked), newest records and each group's owner and lag</caption>
      <thead>
        <tr>
          <th scope="col">Part.</th>
          <th scope="col">Leader</th>
          <th scope="col">Replicas (ISR solid)</th>
          <th scope="col">Records (newest right)</th>
          {groups.map((g) => (
            <th scope="col" key={g.id} className="live__board-group">
              {g.id} ({g.state}): owner · lag
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {partitions.map((p) => {
          const was = moved.get(p.id);
          const recent = p.recent.slice(-STRIP);
          return (
            <tr key={p.id} data-partition={p.id}>
              <th scope="row">P{p.id}</th>
              <td>
                <span
                  className={`live__leader${was !== undefined ? ' live__leader--moved' : ''}${p.offline ? ' live__leader--offline' : ''}`}
                  data-leader={p.offline ? -1 : p.leader}
                  key={`${p.leader}-${was ?? ''}`}
                >
                  {p.offline ? 'offline' : `b${p.leader}`}
                  {was !== undefined ? <span className="live__was"> (was {was < 0 ? 'none' : `b${was}`})</span> : null}
                </span>
              </td>
              <td>
                <span className="live__replicas">
                  {p.replicas.map((r) => {
                    const inSync = p.isr.includes(r);
                    return (
                      <span
                        key={r}
                        className={`live__replica${inSync ? ' live__replica--isr' : ''}${r === p.leader && !p.offline ? ' live__replica--leader' : ''}`}
                        data-replica={r}
                        data-isr={inSync ? '' : undefined}
                        title={`broker ${r}${r === p.leader ? ', leader' : ''}${inSync ? ', in sync' : ', out of sync'}`}
                      >
                        b{r}
                        <span className="visually-hidden">{r === p.leader && !p.offline ? ' leader' : ''}{inSync ? ' in sync' : ' out of sync'}</span>
                      </span>
                    );
                  })}
                </span>
              </td>
              <td className="live__strip-cell">
                <span className="live__strip" aria-hidden="true">
                  {recent.map((r) => (
                    <span key={r.offset} className="live__rec" style={{ background: keyColor(r.keyColor) }} />
                  ))}
                </span>
                <span className="live__leo">LEO {p.logEndOffset}</span>
              </td>
              {groups.map((g) => {
                const o = g.offsets.find((x) => x.topic === topic && x.partition === p.id);
                const owner = o?.memberId ? g.members.find((m) => m.id === o.memberId) : undefined;
                return (
                  <td key={g.id} className="live__owner-cell">
                    <span className="live__owner" data-member={o?.memberId ?? ''}>
                      {o?.memberId ? memberLabel(o.memberId, owner?.clientId) : 'no owner'}
                    </span>
                    <span className="live__lag">{o?.lag ?? '–'}</span>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
