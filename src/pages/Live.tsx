import { useMemo, useState } from 'react';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { SLOWDOWNS, type LiveSnapshot } from '../broker/live/protocol.ts';
import { describeTopic, topicView } from '../broker/live/project.ts';
import type { ClassicGroupView } from '../sim/types.ts';
import { LiveCanvas } from '../live/LiveCanvas';
import { liveSocketUrl, useLiveFeed, type LiveStatus } from '../live/useLiveFeed';
import '../live/live.css';

const ALL = '__all__';
/** Newest offsets each lane shows. */
const LANE_WINDOW = 40;

function statusText(status: LiveStatus, snapshot: LiveSnapshot | null): string {
  if (status === 'open') return `Connected to cluster ${snapshot?.clusterId ?? ''}`;
  if (status === 'connecting') return 'Connecting to the broker…';
  return 'Not connected: is `npm run broker` running? Retrying every 2 seconds.';
}

/**
 * #/live: the cluster that `npm run broker` runs, as real Kafka clients use it, drawn by the
 * partition visualiser. Brokers can be stopped and started, a group's consumers slowed down.
 */
export default function Live() {
  useDocumentTitle('Live cluster');
  const url = useMemo(() => liveSocketUrl(window.location), []);
  const { status, snapshot, notice, send } = useLiveFeed(url);
  const [picked, setPicked] = useState<string>(ALL);
  const view = snapshot?.view;
  const topics = view?.topics.map((t) => t.name) ?? [];
  const shown = picked === ALL ? topics : topics.filter((t) => t === picked);

  return (
    <div className="live">
      <h1>Live cluster</h1>
      <p className="lede">
        The simulated Kafka cluster of <code>npm run broker</code>, as real producers and consumers (KafkaJS, kcat, any Kafka client) use it. Stop a broker and watch leadership move; slow a
        group's consumers and watch its lag grow.
      </p>
      <p className={`live__status live__status--${status}`} role="status">
        {statusText(status, snapshot)}
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
          <section aria-labelledby="live-brokers">
            <h2 id="live-brokers">Brokers</h2>
            <ul className="live__brokers">
              {snapshot.brokers.map((b) => (
                <li key={b.id} className={b.up ? 'live__broker' : 'live__broker live__broker--down'} data-broker={b.id}>
                  <span className="live__broker-name">Broker {b.id}</span>
                  <span>
                    {b.host}:{b.port}
                  </span>
                  <span>{b.up ? `up, ${b.connections} connection${b.connections === 1 ? '' : 's'}` : 'stopped'}</span>
                  <button type="button" onClick={() => send({ type: b.up ? 'broker/stop' : 'broker/start', broker: b.id })} aria-label={`${b.up ? 'Stop' : 'Start'} broker ${b.id}`}>
                    {b.up ? 'Stop' : 'Start'}
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="live-topics">
            <h2 id="live-topics">Topics</h2>
            {topics.length ? (
              <label className="live__picker">
                Show{' '}
                <select value={picked} onChange={(e) => setPicked(e.target.value)}>
                  <option value={ALL}>all topics, stacked</option>
                  {topics.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <p>No topic yet. A client's first produce or metadata request creates one (auto.create.topics.enable), or create one with an admin client.</p>
            )}
            {shown.map((name) => {
              const tv = topicView(view, name);
              const text = describeTopic(tv);
              return (
                <figure key={name} className="live__topic" data-live-topic={name}>
                  <figcaption>
                    <strong>{name}</strong>: {tv.topics[0]?.partitions.length ?? 0} partitions, {tv.topics[0]?.produced ?? 0} records written
                  </figcaption>
                  <LiveCanvas view={tv} label={text} window={LANE_WINDOW} />
                  <p className="visually-hidden">{text}</p>
                </figure>
              );
            })}
          </section>
          <section aria-labelledby="live-groups">
            <h2 id="live-groups">Consumer groups</h2>
            {(view.classicGroups ?? []).length ? (
              (view.classicGroups ?? []).map((g) => <GroupPanel key={g.id} g={g} onSlow={(slowdown) => send({ type: 'group/slow', group: g.id, slowdown })} />)
            ) : (
              <p>No consumer group yet.</p>
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
                  <td className="live__member">{o.memberId ?? '-'}</td>
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
