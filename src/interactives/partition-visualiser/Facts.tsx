import { useLayoutEffect, useRef, useState } from 'react';
import type { SimView } from '../../sim';
import { brokerStateText, groupLagText, isrText, LAG_RULE, leaderText, listWords, producerText, replicaLagTimeMaxMs, waitReasonText, watermarkText } from '../../viz/facts';
import { formatTime, type LogLine } from '../../viz/narrate';
import { ownerOf } from '../../viz/render';

/**
 * The narrated event log: one event per line, newest last, an aria-live log region. With `fit`
 * (presenter mode's stage), only the newest lines that fit whole in the box are shown: an older
 * line that does not fit is left out rather than cut in half.
 */
export function EventLog({ lines, max = 12, fit = false }: { lines: LogLine[]; max?: number; fit?: boolean }) {
  const shown = lines.slice(-max);
  const listRef = useRef<HTMLOListElement>(null);
  useLayoutEffect(() => {
    const ol = listRef.current;
    const box = ol?.parentElement;
    if (!fit || !ol || !box) return;
    const items = [...ol.children] as HTMLElement[];
    for (const li of items) li.hidden = false;
    const cs = getComputedStyle(box);
    let room = box.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
    let full = false;
    for (let i = items.length - 1; i >= 0; i--) {
      const li = items[i]!;
      const h = li.getBoundingClientRect().height + 4;
      // the newest line is always shown, even if it has to run past the box
      if (i < items.length - 1 && (full || h > room)) {
        full = true;
        li.hidden = true;
      } else room -= h;
    }
  });
  return (
    <section className="viz-log" aria-label="What happened">
      <h3 className="viz-log__title">What happened</h3>
      <div className="viz-log__list" role="log" aria-live="polite" aria-relevant="additions" aria-label="Event log" tabIndex={0} data-viz-log="">
        {shown.length === 0 ? <p className="viz-log__empty">Nothing yet: press Play or Step.</p> : null}
        <ol ref={listRef}>
        {shown.map((l, i) => (
          <li key={`${l.atMs}-${lines.length - shown.length + i}`} className={`viz-log__line viz-log__line--${l.tone}`}>
            <span className="viz-log__time">{formatTime(l.atMs)}</span> {l.tone === 'fault' ? <strong>Fault: </strong> : null}
            {l.text}
          </li>
        ))}
        </ol>
      </div>
    </section>
  );
}

/** One sentence for the topic and brokers, one per producer and one per group: members, active, idle, stuck, lag. Always visible. */
export function GroupSummary({ view }: { view: SimView }) {
  const topic = view.topics[0];
  const down = view.brokers.filter((b) => !b.up);
  const offline = topic?.partitions.filter((p) => p.offline).length ?? 0;
  const behind = topic?.partitions.filter((p) => (p.highWatermark ?? p.logEndOffset) < p.logEndOffset) ?? [];
  return (
    <ul className="viz-summary" data-viz-summary="">
      {topic ? (
        <li>
          Topic <strong>{topic.name}</strong>: {topic.partitions.length} partitions, {topic.produced.toLocaleString('en')} records written
          {topic.failed ? `, ${topic.failed.toLocaleString('en')} writes failed` : ''}.{' '}
          {down.length ? `${down.map((b) => `Broker ${b.id} is ${brokerStateText(b)}`).join('. ')}. ` : `All ${view.brokers.length} brokers up. `}
          {offline ? `${offline} partition${offline > 1 ? 's' : ''} offline. ` : ''}
          {behind.length
            ? `High watermark behind the log end on ${listWords(behind.map((p) => `P${p.id}`))}: a stopped in-sync follower has not copied the newest records, so consumers cannot read them yet.`
            : ''}
        </li>
      ) : null}
      {(view.producers ?? []).map((p) => (
        <li key={`producer-${p.id}`} data-producer={p.id}>
          {producerText(p)}
        </li>
      ))}
      {view.groups.map((g) => {
        const count = (s: string) => g.members.filter((m) => m.status === s).length;
        const stuck = g.members.filter((m) => m.status === 'stuck');
        return (
          <li key={g.id} data-group={g.id}>
            <strong>{g.id}</strong>: {g.members.length} consumer{g.members.length === 1 ? '' : 's'}, <span data-count="active">{count('active')} active</span>,{' '}
            <span data-count="idle">{count('idle')} idle</span>
            {count('crashed') ? `, ${count('crashed')} crashed` : ''}
            {stuck.length ? `, ${stuck.map((m) => `${m.id} stuck on partition ${m.stuckOn?.partition} offset ${m.stuckOn?.offset}`).join(', ')}` : ''}
            {g.rebalancing ? ', rebalancing now' : ''}
            {g.bounce ? `, rolling bounce to [${g.bounce.assignors.join(', ')}] (${g.bounce.remaining} to restart)` : ''};{' '}
            {g.type === 'consumer' ? (
              `consumer protocol (KIP-848), group epoch ${g.consumerGroup?.groupEpoch ?? 0} with the broker's ${g.consumerGroup?.assignor ?? 'uniform'} assignor`
            ) : g.type === 'share' ? (
              'share group (KIP-932): members share partitions, no committed offsets'
            ) : (
              <>
                classic group, {g.protocol} protocol with {g.assignor}
                {g.assignors ? ` (partition.assignment.strategy [${g.assignors.join(', ')}])` : ''}
              </>
            )}
            ; <span data-lag="">{g.type === 'share' ? `${(g.totalLag ?? 0).toLocaleString('en')} records not yet acknowledged` : groupLagText(g)}</span>
            {g.type ? '' : `; ${g.rebalances} rebalance${g.rebalances === 1 ? '' : 's'} so far`}
            {g.deadLettered ? `; ${g.deadLettered} dead-lettered` : ''}
            {g.outOfOrder ? `; ${g.outOfOrder.toLocaleString('en')} records out of per-user order` : ''}
            {g.duplicates ? `; ${g.duplicates.toLocaleString('en')} processed twice` : ''}.
          </li>
        );
      })}
      {view.groups.length ? <li className="viz-summary__rule">{LAG_RULE}</li> : null}
    </ul>
  );
}

/** The same facts as the animation, as tables: partitions with owners, offsets and lag; consumers with their state. */
export function FactTables({ view }: { view: SimView }) {
  const [open, setOpen] = useState(false);
  const topic = view.topics[0];
  if (!topic) return null;
  return (
    <details className="viz-tables" data-viz-tables="" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Show partitions and consumers as tables</summary>
      {open ? <Tables view={view} /> : null}
    </details>
  );
}

function Tables({ view }: { view: SimView }) {
  const topic = view.topics[0];
  if (!topic) return null;
  return (
    <>
      <div className="table-scroll" role="region" aria-label="Partitions, owners, offsets and lag" tabIndex={0}>
        <table>
          <caption>Partitions of {topic.name}</caption>
          <thead>
            <tr>
              <th scope="col">Partition</th>
              <th scope="col">Leader</th>
              <th scope="col">In-sync replicas</th>
              <th scope="col">High watermark (consumers read below it)</th>
              <th scope="col">Log end offset</th>
              <th scope="col">Latest keys (newest last)</th>
              {view.groups.map((g) => (
                <th scope="col" key={g.id}>
                  {g.id}: owner, committed, lag
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {topic.partitions.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.id}</th>
                <td>{leaderText(p, view.brokers)}</td>
                <td>{isrText(p, view.brokers, replicaLagTimeMaxMs(view))}</td>
                <td>{watermarkText(p)}</td>
                <td>{p.logEndOffset}</td>
                <td>
                  {p.recent
                    .slice(-3)
                    .map((r) => `${r.key ?? `no key (${r.user})`}${r.poison ? ' POISON' : ''}`)
                    .join(', ') || 'none yet'}
                </td>
                {view.groups.map((g) => {
                  const owner = ownerOf(g, p.id);
                  const c = g.committed[p.id];
                  const lag = g.lag[p.id];
                  return (
                    <td key={g.id}>
                      {owner ? owner.id : g.rebalancing ? 'paused (rebalancing)' : 'no owner'}; {c === null || c === undefined ? 'nothing committed' : `committed ${c}`}; lag{' '}
                      {lag === null || lag === undefined ? 'unknown' : lag}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.producers?.length ? (
        <div className="table-scroll" role="region" aria-label="Producers and their buffers" tabIndex={0}>
          <table>
            <caption>Producers: records waiting in the buffer, per partition</caption>
            <thead>
              <tr>
                <th scope="col">Producer</th>
                <th scope="col">Partition</th>
                <th scope="col">Waiting to be written (retried)</th>
                <th scope="col">Why</th>
                <th scope="col">Written, awaiting acknowledgement (acks=all)</th>
              </tr>
            </thead>
            <tbody>
              {view.producers.flatMap((pr) =>
                pr.waiting.map((w, i) => (
                  <tr key={`${pr.id}/${i}`}>
                    <td>{pr.id}</td>
                    <th scope="row">{i}</th>
                    <td>{w}</td>
                    <td>{pr.waitReasons[i] ? waitReasonText(pr.waitReasons[i]!) : '–'}</td>
                    <td>{pr.unacked[i] ?? 0}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="table-scroll" role="region" aria-label="Consumers" tabIndex={0}>
        <table>
          <caption>Consumers</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Consumer</th>
              <th scope="col">State</th>
              <th scope="col">Partitions</th>
              <th scope="col">partition.assignment.strategy (protocol)</th>
              <th scope="col">Records processed</th>
            </tr>
          </thead>
          <tbody>
            {view.groups.flatMap((g) =>
              g.members.map((m) => (
                <tr key={`${g.id}/${m.id}`} data-member={m.id} data-status={m.status}>
                  <td>{g.id}</td>
                  <th scope="row">{m.id}</th>
                  <td>{m.status === 'stuck' && m.stuckOn ? `stuck on partition ${m.stuckOn.partition} offset ${m.stuckOn.offset}` : m.status}</td>
                  <td>{m.partitions.length ? m.partitions.join(', ') : 'none'}</td>
                  <td>{m.assignors ? `[${m.assignors.join(', ')}] (${m.protocol ?? g.protocol})` : g.protocol}</td>
                  <td>{m.processed.toLocaleString('en')}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
