import { useEffect, useMemo, useRef, useState } from 'react';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { SLOWDOWNS, type LiveSnapshot } from '../broker/live/protocol.ts';
import { describeTopic, topicView } from '../broker/live/project.ts';
import type { ClassicGroupView } from '../sim/types.ts';
import { PartitionBoard } from '../live/PartitionBoard';
import { busiestTopic, describeLeaderChange, groupsFor, leaderChanges, leadersOf, memberLabel } from '../live/liveModel';
import { liveSocketUrl, useLiveFeed, type LiveStatus } from '../live/useLiveFeed';
import '../live/live.css';

const ALL = '__all__';
/** Groups drawn as columns of a topic's board (the rest are listed below it). */
const BOARD_GROUPS = 3;
/** How long a moved leader stays highlighted with its previous broker, ms. */
const MOVED_MS = 15_000;
/** Leader changes kept in the log. */
const LOG_LINES = 6;

function statusText(status: LiveStatus, snapshot: LiveSnapshot | null): string {
  if (status === 'open') return `Connected to cluster ${snapshot?.clusterId ?? ''}`;
  if (status === 'connecting') return 'Connecting to the broker…';
  return 'Not connected: is `npm run broker` running? Retrying every 2 seconds.';
}

interface Moved {
  topic: string;
  partition: number;
  from: number;
  at: number;
}

/**
 * #/live: the cluster that `npm run broker` runs, as real Kafka clients use it. Laid out for a
 * projector: at 1280x720 one screen holds the broker controls, the picked topic's partitions
 * (leader, in-sync replicas, newest records, each group's owner and lag) and the leader-change log.
 * Brokers can be stopped and started, a group's consumers slowed down.
 */
export default function Live() {
  useDocumentTitle('Live cluster');
  const url = useMemo(() => liveSocketUrl(window.location), []);
  const { status, snapshot, notice, send } = useLiveFeed(url);
  const [picked, setPicked] = useState<string | null>(null);
  const [moved, setMoved] = useState<Moved[]>([]);
  const [log, setLog] = useState<{ n: number; text: string }[]>([]);
  const leadersRef = useRef<Map<string, number> | null>(null);
  const logSeq = useRef(0);
  const view = snapshot?.view;

  // Leader changes between snapshots: a log line each, and the badge highlighted for a while.
  useEffect(() => {
    if (!view) return;
    const now = leadersOf(view);
    const before = leadersRef.current;
    leadersRef.current = now;
    if (!before) return;
    const changes = leaderChanges(before, now);
    if (!changes.length) return;
    const at = Date.now();
    setMoved((m) => [...m.filter((x) => !changes.some((c) => c.topic === x.topic && c.partition === x.partition)), ...changes.map((c) => ({ topic: c.topic, partition: c.partition, from: c.from, at }))]);
    setLog((l) => [...changes.map((c) => ({ n: ++logSeq.current, text: describeLeaderChange(c) })).reverse(), ...l].slice(0, LOG_LINES));
  }, [view]);

  useEffect(() => {
    if (!moved.length) return;
    const next = Math.min(...moved.map((m) => m.at)) + MOVED_MS - Date.now();
    const t = setTimeout(() => setMoved((m) => m.filter((x) => Date.now() - x.at < MOVED_MS)), Math.max(0, next));
    return () => clearTimeout(t);
  }, [moved]);

  const topics = view?.topics.map((t) => t.name) ?? [];
  const current = picked === ALL ? ALL : picked !== null && topics.includes(picked) ? picked : view ? busiestTopic(view) : null;
  const shown = current === ALL ? topics : current ? [current] : [];
  const classic = view?.classicGroups ?? [];
  const listed = groupsFor(classic, current === ALL ? null : current);

  return (
    <div className="live">
      <div className="live__head">
        <h1>Live cluster</h1>
        <p className={`live__status live__status--${status}`} role="status">
          {statusText(status, snapshot)}
        </p>
      </div>
      <p className="live__lede">
        Real Kafka clients on <code>npm run broker</code>. Stop a broker to move leadership; slow a group to grow its lag.
      </p>
      {notice ? (
        <p className="notice" role="alert">
          {notice}
        </p>
      ) : null}
      {status !== 'open' && !snapshot ? (
        <div className="live__help">
          <h2>Start the broker</h2>
          <pre>
            <code>npm run broker</code>
          </pre>
          <p>
            It listens on 127.0.0.1:9092 (one port per broker) and serves this page at the address it prints. Connect a client with <code>kcat -b 127.0.0.1:9092 -L</code> or{' '}
            <code>{"new Kafka({ brokers: ['127.0.0.1:9092'] })"}</code>.
          </p>
        </div>
      ) : null}
      {snapshot && view ? (
        <>
          <div className="live__bar">
            <section aria-labelledby="live-brokers" className="live__brokers-wrap">
              <h2 id="live-brokers" className="live__bar-title">
                Brokers
              </h2>
              <ul className="live__brokers">
                {snapshot.brokers.map((b) => (
                  <li key={b.id} className={b.up ? 'live__broker' : 'live__broker live__broker--down'} data-broker={b.id}>
                    <span className="live__broker-name">b{b.id}</span>
                    <span className="live__broker-state" title={`${b.host}:${b.port}`}>
                      {b.up ? `up · ${b.connections} conn` : 'stopped'}
                    </span>
                    <button type="button" onClick={() => send({ type: b.up ? 'broker/stop' : 'broker/start', broker: b.id })} aria-label={`${b.up ? 'Stop' : 'Start'} broker ${b.id}`}>
                      {b.up ? 'Stop' : 'Start'}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
            {topics.length ? (
              <label className="live__picker">
                Show topic{' '}
                <select value={current ?? ''} onChange={(e) => setPicked(e.target.value)}>
                  {topics.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                  <option value={ALL}>all topics, stacked</option>
                </select>
              </label>
            ) : null}
          </div>
          <section aria-labelledby="live-topics" className="live__topics">
            <h2 id="live-topics" className="visually-hidden">
              Topics
            </h2>
            {!topics.length ? <p>No topic yet. A client's first produce or metadata request creates one (auto.create.topics.enable), or create one with an admin client.</p> : null}
            {shown.map((name) => {
              const t = view.topics.find((x) => x.name === name);
              const text = describeTopic(topicView(view, name));
              const groups = groupsFor(classic, name);
              const movedHere = new Map(moved.filter((m) => m.topic === name).map((m) => [m.partition, m.from]));
              return (
                <figure key={name} className="live__topic" data-live-topic={name}>
                  <figcaption>
                    <strong>{name}</strong>: {t?.partitions.length ?? 0} partitions, {t?.produced ?? 0} records written
                    {groups.length > BOARD_GROUPS ? `; ${groups.length - BOARD_GROUPS} more group${groups.length - BOARD_GROUPS === 1 ? '' : 's'} below` : ''}
                  </figcaption>
                  <div className="live__board-wrap">
                    <PartitionBoard topic={name} partitions={t?.partitions ?? []} groups={groups.slice(0, BOARD_GROUPS)} moved={movedHere} />
                  </div>
                  <p className="visually-hidden">{text}</p>
                </figure>
              );
            })}
            <div className="live__log-wrap">
              <h3 id="live-log" className="live__log-title">
                Leadership
              </h3>
              <div role="log" aria-labelledby="live-log" data-live-log="">
                <ol className="live__log">
                  {log.length ? log.map((l) => <li key={l.n}>{l.text}</li>) : <li className="live__log-empty">No leader change yet: stop a broker.</li>}
                </ol>
              </div>
            </div>
          </section>
          <section aria-labelledby="live-groups">
            <h2 id="live-groups">Consumer groups{current && current !== ALL ? ` of ${current}` : ''}</h2>
            {listed.length ? (
              listed.map((g) => <GroupPanel key={g.id} g={g} onSlow={(slowdown) => send({ type: 'group/slow', group: g.id, slowdown })} />)
            ) : (
              <p>No consumer group {current && current !== ALL ? 'reads this topic ' : ''}yet.</p>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}

/** One group as `kafka-consumer-groups --describe` shows it, with its state and a control to slow its consumers. */
function GroupPanel({ g, onSlow }: { g: ClassicGroupView; onSlow: (slowdown: number) => void }) {
  const clientOf = new Map(g.members.map((m) => [m.id, m]));
  return (
    <div className="live__group" data-live-group={g.id}>
      <h3>
        {g.id} <span className="live__badge">{g.state}</span>
      </h3>
      <p>
        Generation {g.generation}, {g.members.length} member{g.members.length === 1 ? '' : 's'}, assignor {g.protocolName ?? 'none yet'}, {g.rebalances} rebalance{g.rebalances === 1 ? '' : 's'}.{' '}
        <label>
          Consumers' downstream{' '}
          <select value={g.downstreamSlowdown} onChange={(e) => onSlow(Number(e.target.value))} aria-label={`Slow down the consumers of ${g.id}`}>
            {SLOWDOWNS.map((s) => (
              <option key={s} value={s}>
                {s === 1 ? 'normal speed' : `${s}× slower`}
              </option>
            ))}
          </select>
        </label>
      </p>
      <div className="table-scroll" role="region" aria-label={`Committed offsets of ${g.id}`} tabIndex={0}>
        <table className="live__offsets">
          <caption>Committed offsets and lag of {g.id}, per partition</caption>
          <thead>
            <tr>
              <th scope="col">TOPIC</th>
              <th scope="col">PARTITION</th>
              <th scope="col">CURRENT-OFFSET</th>
              <th scope="col">LOG-END-OFFSET</th>
              <th scope="col">LAG</th>
              <th scope="col">CONSUMER-ID</th>
              <th scope="col">HOST</th>
              <th scope="col">CLIENT-ID</th>
            </tr>
          </thead>
          <tbody>
            {g.offsets.map((o) => {
              const m = o.memberId ? clientOf.get(o.memberId) : undefined;
              return (
                <tr key={`${o.topic}-${o.partition}`}>
                  <td>{o.topic}</td>
                  <td>{o.partition}</td>
                  <td>{o.committed ?? '-'}</td>
                  <td>{o.logEndOffset}</td>
                  <td>{o.lag ?? '-'}</td>
                  <td className="live__member" title={o.memberId ?? undefined}>
                    {o.memberId ? memberLabel(o.memberId, m?.clientId) : '-'}
                  </td>
                  <td>{m?.clientHost ?? '-'}</td>
                  <td>{m?.clientId ?? '-'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
