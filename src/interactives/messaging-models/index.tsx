import { useId, useState } from 'react';
import tryThisYaml from '../../../content/interactives/messaging-models.yaml';
import { clipForMessage, formatNumber, readDecimal } from '../../format/number';
import { MAX_GROUPS, MESSAGING_DEFAULTS, messagingActionSchema, messagingConfigSchema, messagingModel, type Group, type MessagingState } from '../../sim/models/messaging';
import { messagingTryThisSchema, parseTryThis } from '../../sim/models/tryThis';
import { EventLog, Experiments, NumberField, RunControls, fmtInt, handleRunKey, runBarProps, runShortcuts } from '../model-kit/controls';
import { shareMoment, snapshotSchema } from '../model-kit/share';
import { useModelInteractive } from '../model-kit/useModelInteractive';
import { withSharedMoment, type OpenedModelShare } from '../model-kit/SharedModelMoment';
import type { MessagingConfig, MessagingAction } from '../../sim/models/messaging';
import { InteractiveFrame } from '../frame/InteractiveFrame';
import type { InteractiveProps } from '../types';
import '../model-kit/kit.css';
import './messaging.css';

const ID = 'messaging-models';
const tryThis = parseTryThis(ID, messagingTryThisSchema, tryThisYaml);
const shareSchema = snapshotSchema(messagingConfigSchema, messagingActionSchema);
const SEED = 1;

function Chips({ ids, label, max = 6 }: { ids: readonly number[]; label: string; max?: number }) {
  const shown = ids.slice(-max);
  return (
    <span className="mm-chips" aria-label={shown.length ? `${label}: ${shown.join(', ')}` : `${label}: none`} role="img">
      {shown.length === 0 ? <span className="mm-chips__none">none yet</span> : null}
      {shown.map((id, i) => (
        <span key={`${id}-${i}`} className={`mm-chip mm-chip--${id % 6}`}>
          {id}
        </span>
      ))}
    </span>
  );
}

function Toggle({ online, name, onChange }: { online: boolean; name: string; onChange: (on: boolean) => void }) {
  return (
    <button type="button" className={`mm-toggle${online ? '' : ' mm-toggle--off'}`} aria-pressed={!online} onClick={() => onChange(!online)} aria-label={`${name}: ${online ? 'take offline' : 'bring back online'}`}>
      {online ? 'Take offline' : 'Bring back'}
    </button>
  );
}

function ReplayForm({ g, index, onReplay }: { g: Group; index: number; onReplay: (offset: number) => void }) {
  const id = useId();
  const [text, setText] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const read = readDecimal(text);
    if (!read.ok || !Number.isInteger(read.value)) {
      return setError(text.trim() === '' ? 'Enter a whole-number offset.' : `"${clipForMessage(text)}" is not a whole-number offset. Enter digits only, for example 0.`);
    }
    const v = read.value;
    if (v < 0 || v > g.highest) return setError(`Enter an offset from 0 to ${formatNumber(g.highest)}, the part of the log ${g.name} has read.`);
    setError(null);
    onReplay(v);
  };
  return (
    <form
      className="mm-replay"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`${id}-o`}>Replay {g.name} from offset</label>
      <input id={`${id}-o`} type="text" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={`${id}-e`} data-group={index} />
      <button type="submit">Replay</button>
      <span id={`${id}-e`} className="sim-field__error" aria-live="polite">
        {error}
      </span>
    </form>
  );
}

function LogStrip({ s }: { s: MessagingState }) {
  const end = s.stream.logEnd;
  const from = Math.max(0, end - 24);
  const cells = Array.from({ length: end - from }, (_, i) => from + i);
  return (
    <div className="mm-log" aria-hidden="true">
      <div className="mm-log__cells">
        {from > 0 ? <span className="mm-log__more">…{fmtInt(from)} older</span> : null}
        {cells.map((off) => (
          <span key={off} className={`mm-chip mm-chip--${(off + 1) % 6}`} title={`offset ${off}`}>
            {off + 1}
          </span>
        ))}
      </div>
      <div className="mm-log__marks">
        {s.stream.groups.map((g) => (
          <span key={g.name} className="mm-log__mark">
            <strong>{g.name}</strong> at offset {fmtInt(g.position)}
          </span>
        ))}
      </div>
    </div>
  );
}

function MessagingModelsView({ embedded, scenario, opened }: InteractiveProps & { opened: OpenedModelShare<MessagingConfig, MessagingState, MessagingAction> | null }) {
  const { runner, notice, setShareNote, runExperiment, experiment } = useModelInteractive({
    opened,
    scenario,
    model: messagingModel,
    defaults: MESSAGING_DEFAULTS,
    seed: SEED,
    tryThis,
  });
  const s = runner.state;
  const q = s.queue;

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'g') {
      runner.apply({ type: 'add-group' });
      return true;
    }
    return handleRunKey(e, { ...runner, reset: () => runner.reset() });
  };

  return (
    <InteractiveFrame
      id={ID}
      title="Queue vs pub/sub vs event streaming"
      embedded={embedded}
      notice={notice}
      makeShareUrl={() => shareMoment(ID, runner.snapshot(), s.config, setShareNote)}
      shortcuts={[...runShortcuts, { keys: ['g'], label: 'Add a consumer group to the event stream' }]}
      tryThis={tryThis.items.map((i) => ({ prompt: i.prompt, outcome: i.outcome }))}
      onKey={onKey}
      presenterBar={<RunControls {...runBarProps(runner, messagingModel.tickMs)} compact />}
    >
      <div className="sim mm">
        <div className="mm-producer">
          <RunControls {...runBarProps(runner, messagingModel.tickMs)}>
            <span className="mm-published">
              Published: <strong>{fmtInt(s.published)}</strong> messages
            </span>
          </RunControls>
          <div className="mm-producer__row">
            <NumberField label="Producer rate" unit="messages/s" value={s.config.rate} min={0.2} max={20} step={0.1} onChange={(v) => runner.apply({ type: 'rate', rate: v })} />
            <button type="button" aria-pressed={!s.producing} onClick={() => runner.apply({ type: 'producing', on: !s.producing })}>
              {s.producing ? 'Pause the producer' : 'Resume the producer'}
            </button>
            <p className="sim-note">The same messages, numbered 1, 2, 3…, go to all three models at once.</p>
          </div>
        </div>
        <div className="mm-cols">
          <section className="mm-col" aria-labelledby={`${ID}-q`}>
            <h3 id={`${ID}-q`}>Message queue</h3>
            <p className="mm-col__rule">Each message goes to one worker and is deleted when acknowledged.</p>
            <div className="mm-box">
              <span className="mm-box__label">Waiting in the queue: {fmtInt(q.pending.length)}</span>
              <Chips ids={q.pending.slice(0, 8)} label="Waiting messages" max={8} />
            </div>
            <ul className="mm-readers">
              {q.workers.map((w, i) => (
                <li key={w.name} className={`mm-reader${w.online ? '' : ' mm-reader--off'}`}>
                  <div className="mm-reader__head">
                    <strong>{w.name}</strong>
                    <span className={`sim-badge ${w.online ? 'sim-badge--ok' : 'sim-badge--danger'}`}>{w.online ? 'online' : 'offline'}</span>
                    <Toggle online={w.online} name={w.name} onChange={(on) => runner.apply({ type: 'online', kind: 'queue', index: i, online: on })} />
                  </div>
                  <div className="mm-reader__nums">
                    <span>
                      received <strong>{fmtInt(w.received)}</strong>
                    </span>
                    <span>
                      acknowledged <strong>{fmtInt(w.acked)}</strong>
                    </span>
                    <span>{w.busy ? `working on ${w.busy[0]}` : 'idle'}</span>
                  </div>
                  <Chips ids={w.recent} label={`Latest messages for ${w.name}`} />
                </li>
              ))}
            </ul>
            <p className="mm-col__sum">
              Deleted after acknowledgement: <strong>{fmtInt(q.deleted)}</strong>. Given back by a worker that left: <strong>{fmtInt(q.returned)}</strong>.
            </p>
          </section>
          <section className="mm-col" aria-labelledby={`${ID}-p`}>
            <h3 id={`${ID}-p`}>Pub/sub</h3>
            <p className="mm-col__rule">Every connected subscriber gets every message. Offline means missed.</p>
            <ul className="mm-readers">
              {s.pubsub.subscribers.map((sub, i) => (
                <li key={sub.name} className={`mm-reader${sub.online ? '' : ' mm-reader--off'}`}>
                  <div className="mm-reader__head">
                    <strong>{sub.name}</strong>
                    <span className={`sim-badge ${sub.online ? 'sim-badge--ok' : 'sim-badge--danger'}`}>{sub.online ? 'connected' : 'offline'}</span>
                    <Toggle online={sub.online} name={sub.name} onChange={(on) => runner.apply({ type: 'online', kind: 'pubsub', index: i, online: on })} />
                  </div>
                  <div className="mm-reader__nums">
                    <span>
                      received <strong>{fmtInt(sub.received)}</strong>
                    </span>
                    <span className={sub.missed > 0 ? 'mm-bad' : ''}>
                      missed <strong>{fmtInt(sub.missed)}</strong>
                    </span>
                  </div>
                  <Chips ids={sub.recent} label={`Latest messages for ${sub.name}`} />
                </li>
              ))}
            </ul>
          </section>
          <section className="mm-col" aria-labelledby={`${ID}-s`}>
            <h3 id={`${ID}-s`}>Event streaming</h3>
            <p className="mm-col__rule">A durable log: each group reads at its own pace and can replay.</p>
            <LogStrip s={s} />
            <ul className="mm-readers">
              {s.stream.groups.map((g, i) => (
                <li key={g.name} className={`mm-reader${g.online ? '' : ' mm-reader--off'}`}>
                  <div className="mm-reader__head">
                    <strong>group {g.name}</strong>
                    <span className={`sim-badge ${g.online ? 'sim-badge--ok' : 'sim-badge--danger'}`}>{g.online ? `${g.rate}/s` : 'stopped'}</span>
                    <Toggle online={g.online} name={`group ${g.name}`} onChange={(on) => runner.apply({ type: 'online', kind: 'stream', index: i, online: on })} />
                  </div>
                  <div className="mm-reader__nums">
                    <span>
                      read <strong>{fmtInt(g.received)}</strong>
                    </span>
                    <span>
                      re-read <strong>{fmtInt(g.reread)}</strong>
                    </span>
                    <span className={s.stream.logEnd - g.position > 5 ? 'mm-warn' : ''}>
                      lag <strong>{fmtInt(s.stream.logEnd - g.position)}</strong>
                    </span>
                    {g.joinedAtMessage > 0 ? <span>joined after {fmtInt(g.joinedAtMessage)}</span> : null}
                  </div>
                  <Chips ids={g.recent} label={`Latest messages read by ${g.name}`} />
                  <ReplayForm g={g} index={i} onReplay={(offset) => runner.apply({ type: 'replay', index: i, offset })} />
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => runner.apply({ type: 'add-group' })} disabled={s.stream.groups.length >= MAX_GROUPS}>
              {s.stream.groups.length >= MAX_GROUPS ? `At most ${MAX_GROUPS} groups` : 'Add a consumer group now'}
            </button>
          </section>
        </div>
        <div className="table-scroll" role="region" aria-label="What each reader got" tabIndex={0}>
          <table className="mm-table">
            <caption>What each reader got, out of {fmtInt(s.published)} published</caption>
            <thead>
              <tr>
                <th scope="col">Reader</th>
                <th scope="col">Received</th>
                <th scope="col">Missed</th>
                <th scope="col">Re-read</th>
                <th scope="col">Still to read</th>
              </tr>
            </thead>
            <tbody>
              {q.workers.map((w) => (
                <tr key={w.name}>
                  <th scope="row">Queue {w.name}</th>
                  <td>{fmtInt(w.received)}</td>
                  <td>n/a: shared work</td>
                  <td>0</td>
                  <td>{w.busy ? 1 : 0}</td>
                </tr>
              ))}
              {s.pubsub.subscribers.map((sub) => (
                <tr key={sub.name}>
                  <th scope="row">Pub/sub {sub.name}</th>
                  <td>{fmtInt(sub.received)}</td>
                  <td>{fmtInt(sub.missed)}</td>
                  <td>0</td>
                  <td>0</td>
                </tr>
              ))}
              {s.stream.groups.map((g) => (
                <tr key={g.name}>
                  <th scope="row">Stream group {g.name}</th>
                  <td>{fmtInt(g.received)}</td>
                  <td>0</td>
                  <td>{fmtInt(g.reread)}</td>
                  <td>{fmtInt(s.stream.logEnd - g.position)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mm-bottom">
          <EventLog events={runner.events} />
          <Experiments items={tryThis.items} onRun={runExperiment} current={experiment ? { index: experiment.index, endSeconds: (runner.script?.endTick ?? 0) * messagingModel.tickMs / 1000, finished: runner.finished } : null} />
        </div>
      </div>
    </InteractiveFrame>
  );
}

/** Opens a share link's moment in slices, with progress and Cancel (model-kit/SharedModelMoment.tsx). */
export default withSharedMoment(MessagingModelsView, { id: ID, model: messagingModel, schema: shareSchema, subject: 'the three messaging models' });
