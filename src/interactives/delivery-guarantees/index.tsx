import { useMemo } from 'react';
import tryThisYaml from '../../../content/interactives/delivery-guarantees.yaml';
import { DELIVERY_DEFAULTS, deliveryActionSchema, deliveryConfigSchema, deliveryMetrics, deliveryModel, type DeliveryConfig, type DeliveryState, type Fault, type Guarantee, type Sink } from '../../sim/models/delivery';
import { deliveryTryThisSchema, parseTryThis } from '../../sim/models/tryThis';
import { InteractiveFrame } from '../frame/InteractiveFrame';
import type { InteractiveProps } from '../types';
import { EventLog, Experiments, RunControls, Stat, fmtInt, fmtSeconds, handleRunKey, runBarProps, runShortcuts } from '../model-kit/controls';
import { shareMoment, snapshotSchema } from '../model-kit/share';
import { useModelInteractive } from '../model-kit/useModelInteractive';
import { withSharedMoment, type OpenedModelShare } from '../model-kit/SharedModelMoment';
import type { DeliveryAction } from '../../sim/models/delivery';
import '../model-kit/kit.css';
import './delivery.css';

const ID = 'delivery-guarantees';
const tryThis = parseTryThis(ID, deliveryTryThisSchema, tryThisYaml);
const shareSchema = snapshotSchema(deliveryConfigSchema, deliveryActionSchema);
const SEED = 42;

const guaranteeText: Record<Guarantee, { label: string; how: string }> = {
  'at-most-once': { label: 'At-most-once', how: 'commit offsets, then process' },
  'at-least-once': { label: 'At-least-once', how: 'process, then commit offsets' },
  'exactly-once': { label: 'Exactly-once (Kafka transactions)', how: 'process inside a transaction; commit outputs and offsets together' },
};
const sinkText: Record<Sink, { label: string; how: string }> = {
  database: { label: 'An external database (billing charges)', how: 'outside Kafka' },
  kafka: { label: 'A Kafka topic (charges topic)', how: 'read by a read_committed consumer' },
};
const faultText: Record<Fault, { label: string; key: string }> = {
  'crash-before-processing': { label: 'Crash before processing', key: 'b' },
  'crash-before-commit': { label: 'Crash between processing and commit', key: 'c' },
  'producer-retry': { label: 'Producer network retry', key: 'n' },
};

const money = (n: number) => `$${fmtInt(n)}`;

function loopSteps(g: Guarantee, sink: Sink): { phase: string; label: string }[] {
  const charge = sink === 'database' ? 'Charge each order in the database' : 'Write each charge to the output topic';
  if (g === 'at-most-once')
    return [
      { phase: 'poll', label: 'Poll a batch' },
      { phase: 'commit-first', label: 'Commit offsets' },
      { phase: 'process', label: charge },
    ];
  if (g === 'at-least-once')
    return [
      { phase: 'poll', label: 'Poll a batch' },
      { phase: 'process', label: charge },
      { phase: 'commit', label: 'Commit offsets' },
    ];
  return [
    { phase: 'poll', label: 'Poll, begin transaction' },
    { phase: 'process', label: sink === 'database' ? 'Charge in the database (outside the transaction)' : 'Write charges in the transaction' },
    { phase: 'commit', label: 'Commit transaction: outputs + offsets' },
  ];
}

type Status = 'waiting' | 'once' | 'twice' | 'lost';
function orderStatus(s: DeliveryState, orderId: number): Status {
  const e = s.effects[orderId] ?? 0;
  if (e > 1) return 'twice';
  if (e === 1) return 'once';
  if (s.consumer.committed >= (s.lastOffsetOf[orderId] ?? Infinity)) return 'lost';
  return 'waiting';
}
const statusGlyph: Record<Status, string> = { waiting: '', once: '✓', twice: '×2', lost: '✗' };

function DeliveryGuaranteesView({ embedded, scenario, opened }: InteractiveProps & { opened: OpenedModelShare<DeliveryConfig, DeliveryState, DeliveryAction> | null }) {
  const { runner, notice, setShareNote, runExperiment, experiment } = useModelInteractive({
    opened,
    scenario,
    model: deliveryModel,
    defaults: DELIVERY_DEFAULTS,
    seed: SEED,
    tryThis,
    // every order sent, processed and committed: the run is over and the clock stops
    done: (st) => deliveryMetrics(st).finished === 1,
  });
  const s = runner.state;
  const m = deliveryMetrics(s);
  const cfg = s.config;

  const setConfig = (patch: Partial<DeliveryConfig>) => {
    const next = { ...runner.base.config, ...patch };
    if (next.guarantee === 'exactly-once') next.idempotentProducer = true;
    runner.reset(next);
  };
  const arm = (fault: Fault) => {
    runner.apply({ type: 'fault', fault });
    if (!runner.playing) runner.setPlaying(true);
  };

  const onKey = (e: KeyboardEvent) => {
    const f = (Object.keys(faultText) as Fault[]).find((k) => faultText[k].key === e.key);
    if (f) {
      arm(f);
      return true;
    }
    return handleRunKey(e, { ...runner, reset: () => runner.reset() });
  };

  const steps = loopSteps(cfg.guarantee, cfg.sink);
  const phase = s.consumer.phase;
  const down = phase === 'down';
  const restartIn = Math.max(0, (s.consumer.downUntil - s.tick) * deliveryModel.tickMs);
  const counts = useMemo(() => {
    const c = { waiting: 0, once: 0, twice: 0, lost: 0 };
    for (let id = 1; id <= s.produced; id++) c[orderStatus(s, id)]++;
    return c;
  }, [s, s.tick]); // eslint-disable-line react-hooks/exhaustive-deps

  let verdict: { tone: 'ok' | 'danger' | 'warn'; text: string };
  if (s.tick === 0) verdict = { tone: 'warn', text: 'Ready. Press Play, then inject a fault while the consumer works through the orders.' };
  else if (m.finished !== 1) verdict = { tone: 'warn', text: `Running: ${fmtInt(m.pending)} records not yet committed.` };
  else if (m.totalDifference === 0 && m.lost === 0) verdict = { tone: 'ok', text: `Run complete: the sink total equals the correct total (${money(m.correctTotal)}).` };
  else if (m.totalDifference > 0) verdict = { tone: 'danger', text: `Run complete: the sink total is ${money(m.totalDifference)} too high: ${fmtInt(m.duplicatedEffects)} duplicated ${m.duplicatedEffects === 1 ? 'charge' : 'charges'}.` };
  else verdict = { tone: 'danger', text: `Run complete: the sink total is ${money(-m.totalDifference)} too low: ${fmtInt(m.lost)} ${m.lost === 1 ? 'order was' : 'orders were'} never charged.` };

  return (
    <InteractiveFrame
      id={ID}
      title="Delivery guarantees"
      embedded={embedded}
      notice={notice}
      makeShareUrl={() => shareMoment(ID, runner.snapshot(), s.config, setShareNote)}
      shortcuts={[...runShortcuts, ...(Object.keys(faultText) as Fault[]).map((f) => ({ keys: [faultText[f].key], label: `Inject: ${faultText[f].label.toLowerCase()}` }))]}
      tryThis={tryThis.items.map((i) => ({ prompt: i.prompt, outcome: i.outcome }))}
      onKey={onKey}
      presenterBar={<RunControls {...runBarProps(runner, deliveryModel.tickMs)} compact />}
    >
      <div className="sim dg">
        <div className="sim-top">
          <div className="sim-panel">
            <fieldset>
              <legend>Guarantee</legend>
              {(Object.keys(guaranteeText) as Guarantee[]).map((g) => (
                <label key={g} className="sim-choice">
                  <input type="radio" name={`${ID}-g`} checked={cfg.guarantee === g} onChange={() => setConfig({ guarantee: g })} />
                  <span>
                    {guaranteeText[g].label}
                    <small>{guaranteeText[g].how}</small>
                  </span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>The consumer writes to</legend>
              {(Object.keys(sinkText) as Sink[]).map((k) => (
                <label key={k} className="sim-choice">
                  <input type="radio" name={`${ID}-sink`} checked={cfg.sink === k} onChange={() => setConfig({ sink: k })} />
                  <span>
                    {sinkText[k].label}
                    <small>{sinkText[k].how}</small>
                  </span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Safeguards</legend>
              <label className="sim-choice">
                <input type="checkbox" checked={cfg.idempotencyKeys} onChange={(e) => setConfig({ idempotencyKeys: e.target.checked })} />
                <span>
                  Idempotency keys at the sink
                  <small>the sink records each order id and skips repeats</small>
                </span>
              </label>
              <label className="sim-choice">
                <input type="checkbox" checked={cfg.idempotentProducer} disabled={cfg.guarantee === 'exactly-once'} onChange={(e) => setConfig({ idempotentProducer: e.target.checked })} />
                <span>
                  Idempotent producer
                  <small>{cfg.guarantee === 'exactly-once' ? 'always on for transactions' : 'enable.idempotence: the broker drops retried copies'}</small>
                </span>
              </label>
              <p className="sim-note">Changing a setting starts the run again.</p>
            </fieldset>
          </div>
          <div className="sim-main">
            <RunControls {...runBarProps(runner, deliveryModel.tickMs)} />
            <div className="dg-faults" role="group" aria-label="Inject a fault">
              <span className="dg-faults__title">Inject a fault:</span>
              {(Object.keys(faultText) as Fault[]).map((f) => (
                <button key={f} type="button" className={`dg-fault${s.armed[f] ? ' dg-fault--armed' : ''}`} aria-pressed={s.armed[f]} onClick={() => arm(f)}>
                  {faultText[f].label}
                  {s.armed[f] ? <span className="sim-badge sim-badge--warn">armed</span> : null}
                </button>
              ))}
            </div>
            <ol className="dg-loop" aria-label="The consumer's loop">
              {steps.map((st, i) => {
                const active = !down && (st.phase === phase || (phase === 'commit-first' && st.phase === 'commit-first'));
                return (
                  <li key={st.phase} className={`dg-loop__step${active ? ' dg-loop__step--active' : ''}`} aria-current={active ? 'step' : undefined}>
                    <span className="dg-loop__n">{i + 1}</span> {st.label}
                    {active ? <span className="visually-hidden"> (now)</span> : null}
                  </li>
                );
              })}
              <li className={`dg-loop__down${down ? ' dg-loop__down--on' : ''}`} aria-hidden={!down}>
                {down ? `Crashed: restarts in ${fmtSeconds(restartIn)} from offset ${s.consumer.committed}` : 'Consumer running'}
              </li>
            </ol>
            <div className="dg-topic">
              <div className="dg-topic__head">
                <span>
                  Topic <code>orders</code>: {fmtInt(m.logRecords)} records, committed offset <strong>{fmtInt(m.committed)}</strong>
                </span>
                <span className="dg-legend" aria-hidden="true">
                  <span className="dg-cell dg-cell--once">✓</span> charged once <span className="dg-cell dg-cell--twice">×2</span> charged twice <span className="dg-cell dg-cell--lost">✗</span> lost <span className="dg-cell dg-cell--waiting" /> waiting
                </span>
              </div>
              <div className="dg-strip" aria-hidden="true">
                {s.log.map((r, off) => {
                  const st = orderStatus(s, r.orderId);
                  const inBatch = !down && off >= s.consumer.batchFrom && off < s.consumer.batchTo && phase !== 'poll';
                  return (
                    <span key={off} className={`dg-cell dg-cell--${st}${off < s.consumer.committed ? ' dg-cell--committed' : ''}${inBatch ? ' dg-cell--batch' : ''}`} title={`offset ${off}: order ${r.orderId}, $${r.amount}`}>
                      <span className="dg-cell__id">{r.orderId}</span>
                      <span className="dg-cell__g">{statusGlyph[st]}</span>
                    </span>
                  );
                })}
              </div>
              <p className="dg-topic__text">
                Orders so far: {fmtInt(counts.once)} charged once, {fmtInt(counts.twice)} charged more than once, {fmtInt(counts.lost)} lost, {fmtInt(counts.waiting)} waiting.
              </p>
            </div>
            <dl className="sim-stats">
              <Stat label="Records lost" value={fmtInt(m.lost)} tone={m.lost > 0 ? 'danger' : 'ok'} />
              <Stat label="Duplicated effects" value={fmtInt(m.duplicatedEffects)} tone={m.duplicatedEffects > 0 ? 'danger' : 'ok'} />
              <Stat label="Duplicates stopped by idempotency key" value={fmtInt(m.suppressed)} tone={cfg.idempotencyKeys ? 'ok' : 'neutral'} note={cfg.idempotencyKeys ? undefined : 'keys are off'} />
              <Stat label={cfg.sink === 'database' ? 'Database total charged' : 'Total in the output topic'} value={money(m.sinkTotal)} tone={m.finished && m.totalDifference !== 0 ? 'danger' : 'neutral'} />
              <Stat label="Correct total" value={money(m.correctTotal)} note={`${fmtInt(m.produced)} of ${cfg.orders} orders sent`} />
              <Stat label="Consumer crashes" value={fmtInt(m.crashes)} />
              <Stat label="Records read again" value={fmtInt(m.redelivered)} />
              {cfg.guarantee === 'exactly-once' && cfg.sink === 'kafka' ? <Stat label="Aborted transaction writes (invisible)" value={fmtInt(m.aborted)} /> : null}
              {m.producerRetries > 0 ? <Stat label="Producer retries" value={fmtInt(m.producerRetries)} note={m.logDuplicates ? `${m.logDuplicates} duplicated in the topic` : `${m.brokerDiscarded} discarded by the broker`} /> : null}
            </dl>
            <p className={`dg-verdict dg-verdict--${verdict.tone}`}>
              {verdict.text}
            </p>
            <EventLog events={runner.events} announce={(t) => ['consumer/crash', 'consumer/restart', 'fault/armed', 'producer/retry'].includes(t)} />
            <Experiments items={tryThis.items} onRun={runExperiment} current={experiment ? { index: experiment.index, endSeconds: (runner.script?.endTick ?? 0) * deliveryModel.tickMs / 1000, finished: runner.finished } : null} />
          </div>
        </div>
      </div>
    </InteractiveFrame>
  );
}

/** Opens a share link's moment in slices, with progress and Cancel (model-kit/SharedModelMoment.tsx). */
export default withSharedMoment(DeliveryGuaranteesView, { id: ID, model: deliveryModel, schema: shareSchema, subject: 'the delivery-guarantees model' });
