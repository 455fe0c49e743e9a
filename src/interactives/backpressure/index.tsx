import { useRef } from 'react';
import tryThisYaml from '../../../content/interactives/backpressure.yaml';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart';
import type { Series } from '../../charts/scales';
import { BP_DEFAULTS, BP_LIMITS, BP_RESUME_SHARE, backpressureMetrics, backpressureModel, bpActionSchema, bpConfigSchema, effectiveConsumerRate, isBounded, type BpParams, type BpState, type Mechanism } from '../../sim/models/backpressure';
import { backpressureTryThisSchema, parseTryThis } from '../../sim/models/tryThis';
import { EventLog, Experiments, NumberField, RunControls, Stat, fmtInt, fmtNum, handleRunKey, runBarProps, runShortcuts } from '../model-kit/controls';
import { shareMoment, snapshotSchema } from '../model-kit/share';
import { useModelInteractive } from '../model-kit/useModelInteractive';
import { withSharedMoment, type OpenedModelShare } from '../model-kit/SharedModelMoment';
import type { BpConfig, BpAction } from '../../sim/models/backpressure';
import { InteractiveFrame } from '../frame/InteractiveFrame';
import { usePresenting } from '../frame/usePresenting';
import type { InteractiveProps } from '../types';
import '../model-kit/kit.css';
import './backpressure.css';

const ID = 'backpressure';
const tryThis = parseTryThis(ID, backpressureTryThisSchema, tryThisYaml);
const shareSchema = snapshotSchema(bpConfigSchema, bpActionSchema);
const SEED = 7;

export const mechanismText: Record<Mechanism, { label: string; how: string; key: string }> = {
  unbounded: { label: 'Unbounded in-memory queue', how: 'accepts everything; memory grows', key: '1' },
  blocking: { label: 'Bounded queue, blocking enqueue', how: 'the producer waits when it is full', key: '2' },
  drop: { label: 'Drop when full', how: 'for telemetry: discard and count', key: '3' },
  pull: { label: 'Demand-signalled pull', how: 'reactive streams: request(n)', key: '4' },
  credit: { label: 'Credit-based flow control', how: 'like HTTP/2 windows', key: '5' },
  lag: { label: 'Kafka topic, throttle on lag', how: 'producer slows above a lag threshold', key: '6' },
};

function producerState(s: BpState, m: ReturnType<typeof backpressureMetrics>): { text: string; tone: 'ok' | 'warn' | 'danger' } {
  const c = s.config;
  if (m.down) return { text: 'Process down: restarting', tone: 'danger' };
  const squeezed = m.acceptedRate < m.offeredRate * 0.9;
  switch (c.mechanism) {
    case 'unbounded':
      return { text: 'Never told to slow down', tone: m.memoryMB > c.heapMB * 0.6 ? 'danger' : 'ok' };
    case 'blocking':
      return squeezed ? { text: 'Blocked: waits for free space', tone: 'warn' } : { text: 'Sending freely', tone: 'ok' };
    case 'drop':
      return squeezed ? { text: 'Buffer full: records dropped', tone: 'warn' } : { text: 'Sending freely', tone: 'ok' };
    case 'pull':
      return squeezed ? { text: `Waits for demand (${fmtInt(s.demand)} requested)`, tone: 'warn' } : { text: `Sending on demand (${fmtInt(s.demand)} requested)`, tone: 'ok' };
    case 'credit':
      return squeezed ? { text: `Window used up (${fmtInt(s.credit)} credit left)`, tone: 'warn' } : { text: `${fmtInt(s.credit)} credit left`, tone: 'ok' };
    case 'lag':
      // name the hysteresis, so the label never contradicts the lag shown beside it
      return s.throttled
        ? { text: `Throttled until lag falls below ${fmtInt(c.lagThreshold * BP_RESUME_SHARE)}`, tone: 'warn' }
        : { text: `Full speed until lag passes ${fmtInt(c.lagThreshold)}`, tone: 'ok' };
  }
}

const seriesOf = (s: BpState, id: string, label: string, color: string, dashed = false): Series => ({ id, label, color, t: s.series.t, v: s.series.v[id] ?? [], dashed });
const constant = (s: BpState, id: string, label: string, value: number, color: string): Series => ({ id, label, color, t: s.series.t, v: s.series.t.map(() => value), dashed: true });

function BackpressureView({ embedded, scenario, opened }: InteractiveProps & { opened: OpenedModelShare<BpConfig, BpState, BpAction> | null }) {
  const { runner, notice, setShareNote, runExperiment, experiment } = useModelInteractive({
    opened,
    scenario,
    model: backpressureModel,
    defaults: BP_DEFAULTS,
    seed: SEED,
    tryThis,
    coalesce: (a, b) => (a.params.mechanism || b.params.mechanism ? null : { type: 'set' as const, params: { ...a.params, ...b.params } }),
  });
  const s = runner.state;
  const simRef = useRef<HTMLDivElement>(null);
  const presenting = usePresenting(simRef);
  const c = s.config;
  const m = backpressureMetrics(s);
  const set = (params: Partial<BpParams>) => runner.apply({ type: 'set', params });

  const onKey = (e: KeyboardEvent) => {
    const mech = (Object.keys(mechanismText) as Mechanism[]).find((k) => mechanismText[k].key === e.key);
    if (mech) {
      set({ mechanism: mech });
      return true;
    }
    return handleRunKey(e, { ...runner, reset: () => runner.reset() });
  };

  const bounded = isBounded(c.mechanism);
  const ps = producerState(s, m);
  const bound = bounded ? c.bufferSize : null;
  const fill = bounded ? Math.min(1, m.depth / c.bufferSize) : c.mechanism === 'unbounded' ? Math.min(1, (m.memoryMB - c.baseMB) / (c.heapMB - c.baseMB)) : Math.min(1, m.lag / Math.max(1, c.lagThreshold * 1.5));
  const bufferTitle = c.mechanism === 'lag' ? 'Kafka topic (on disk)' : c.mechanism === 'unbounded' ? 'Queue in the process heap (no limit)' : `Buffer (bound ${fmtInt(c.bufferSize)})`;
  const bufferText = c.mechanism === 'lag' ? `Lag ${fmtInt(m.lag)} records (slows above ${fmtInt(c.lagThreshold)}, resumes below ${fmtInt(c.lagThreshold * BP_RESUME_SHARE)})` : c.mechanism === 'unbounded' ? `${fmtInt(m.depth)} records, memory ${fmtNum(m.memoryMB)} of ${fmtInt(c.heapMB)} MB` : `${fmtInt(m.depth)} of ${fmtInt(c.bufferSize)} records`;
  const consumerRate = effectiveConsumerRate(c);

  const timeFmt = (ms: number) => `${Math.round(ms / 1000)} s`;
  const shades = s.downPeriods.map(([fromMs, toMs]) => ({ fromMs, toMs }));
  const shadeProps = shades.length ? { shades, shadeLabel: 'process down after running out of memory' } : {};
  const latencyUnitS = m.latencyMs >= 2000;

  const rateChart = <TimeSeriesChart key="rate" title="Producer rate: offered vs accepted" unit="records/s" formatTime={timeFmt} tMax={s.t} series={[seriesOf(s, 'offered', 'offered', 'var(--ink-2)', true), seriesOf(s, 'accepted', 'accepted', 'var(--accent)')]} />;
  const depthChart = (
    <TimeSeriesChart
      key="depth"
      title={c.mechanism === 'lag' ? 'Consumer lag' : 'Buffer depth'}
      unit="records"
      {...shadeProps}
      formatTime={timeFmt}
      tMax={s.t}
      series={[seriesOf(s, 'depth', c.mechanism === 'lag' ? 'lag' : 'depth', 'var(--accent)'), ...(bounded ? [constant(s, 'bound', 'bound', c.bufferSize, 'var(--warn)')] : c.mechanism === 'lag' ? [constant(s, 'threshold', 'lag threshold', c.lagThreshold, 'var(--warn)')] : [])]}
    />
  );
  const memoryChart = <TimeSeriesChart key="memory" title="Process memory" unit="MB" formatTime={timeFmt} tMax={s.t} {...shadeProps} series={[seriesOf(s, 'memoryMB', 'memory', 'var(--tip)'), constant(s, 'heap', 'memory limit', c.heapMB, 'var(--danger)')]} />;
  const lossChart = <TimeSeriesChart key="loss" title="Records dropped or lost (running total)" unit="records" formatTime={timeFmt} tMax={s.t} series={[seriesOf(s, 'dropped', 'dropped when full (counted)', 'var(--warn)'), seriesOf(s, 'lostInCrash', 'lost in out-of-memory crashes', 'var(--danger)', true)]} />;
  const latencyChart = <TimeSeriesChart key="latency" title="End-to-end latency" unit="s" formatTime={timeFmt} tMax={s.t} series={[{ ...seriesOf(s, 'latencyMs', 'latency', 'var(--ok)'), v: (s.series.v.latencyMs ?? []).map((ms) => ms / 1000) }]} />;
  // the two charts that tell this mechanism's story sit beside the pipe; the others below
  const keyCharts = c.mechanism === 'unbounded' ? [memoryChart, depthChart] : [rateChart, depthChart];
  const moreCharts = c.mechanism === 'unbounded' ? [rateChart, lossChart, latencyChart] : [memoryChart, lossChart, latencyChart];

  // On the presenter stage the big numbers sit in the left column, under the choices.
  const stats = (
    <dl className="sim-stats">
      <Stat label="Producer sends" value={fmtInt(m.acceptedRate)} unit="records/s" note={`offered ${fmtInt(m.offeredRate)}/s`} tone={m.acceptedRate < m.offeredRate * 0.9 ? 'warn' : 'neutral'} />
      <Stat label={c.mechanism === 'lag' ? 'Consumer lag' : 'Buffer depth'} value={fmtInt(m.depth)} unit="records" tone={bounded && m.depth >= c.bufferSize ? 'warn' : 'neutral'} note={bound ? `bound ${fmtInt(bound)}` : c.mechanism === 'unbounded' ? 'no bound' : `slows above ${fmtInt(c.lagThreshold)}, resumes below ${fmtInt(c.lagThreshold * BP_RESUME_SHARE)}`} />
      <Stat label="Memory" value={fmtNum(m.memoryMB)} unit={`of ${fmtInt(c.heapMB)} MB`} tone={m.memoryMB > c.heapMB * 0.75 ? 'danger' : 'neutral'} />
      <Stat label="Dropped (counted)" value={fmtInt(m.dropped)} unit="records" tone={m.dropped > 0 ? 'warn' : 'ok'} />
      <Stat label="Lost in crashes" value={fmtInt(m.lostInCrash)} unit="records" tone={m.lostInCrash > 0 ? 'danger' : 'ok'} note={`${fmtInt(m.crashes)} out-of-memory ${m.crashes === 1 ? 'crash' : 'crashes'}`} />
      <Stat label="End-to-end latency" value={latencyUnitS ? fmtNum(m.latencyMs / 1000) : fmtInt(m.latencyMs)} unit={latencyUnitS ? 's' : 'ms'} tone={m.latencyMs > 5000 ? 'warn' : 'neutral'} />
    </dl>
  );
  return (
    <InteractiveFrame
      id={ID}
      title="Backpressure"
      embedded={embedded}
      notice={notice}
      makeShareUrl={() => shareMoment(ID, runner.snapshot(), s.config, setShareNote)}
      shortcuts={[...runShortcuts, { keys: ['1', '6'], label: 'Choose mechanism 1 to 6' }]}
      tryThis={tryThis.items.map((i) => ({ prompt: i.prompt, outcome: i.outcome }))}
      onKey={onKey}
      presenterBar={<RunControls {...runBarProps(runner, backpressureModel.tickMs)} compact />}
    >
      <div className="sim bp" ref={simRef}>
        <div className="sim-top">
          <div className="sim-panel">
            <fieldset>
              <legend>Mechanism</legend>
              {(Object.keys(mechanismText) as Mechanism[]).map((k) => (
                <label key={k} className="sim-choice">
                  <input type="radio" name={`${ID}-mech`} checked={c.mechanism === k} onChange={() => set({ mechanism: k })} />
                  <span>
                    {mechanismText[k].label}
                    <small>{mechanismText[k].how}</small>
                  </span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Settings</legend>
              <NumberField label="Producer rate" unit="records/s" value={c.producerRate} min={BP_LIMITS.producerRate[0]} max={BP_LIMITS.producerRate[1]} log onChange={(v) => set({ producerRate: v })} />
              <NumberField label="Consumer rate" unit="records/s" value={c.consumerRate} min={BP_LIMITS.consumerRate[0]} max={BP_LIMITS.consumerRate[1]} log onChange={(v) => set({ consumerRate: v })} />
              <NumberField label="Downstream slow-down" unit="× slower" value={c.slowdown} min={BP_LIMITS.slowdown[0]} max={BP_LIMITS.slowdown[1]} onChange={(v) => set({ slowdown: v })} hint={`The consumer now handles ${fmtInt(consumerRate)} records/s.`} />
              <NumberField label="Buffer size" unit="records" value={c.bufferSize} min={BP_LIMITS.bufferSize[0]} max={BP_LIMITS.bufferSize[1]} log onChange={(v) => set({ bufferSize: v })} hint={bounded ? undefined : 'Not used by this mechanism.'} />
              <NumberField label="Lag threshold" unit="records" value={c.lagThreshold} min={BP_LIMITS.lagThreshold[0]} max={BP_LIMITS.lagThreshold[1]} log onChange={(v) => set({ lagThreshold: v })} hint={c.mechanism === 'lag' ? undefined : 'Used by the Kafka topic mechanism.'} />
              <p className="sim-note">
                Each record is {fmtNum(c.recordKB)} KB in memory; the process may use {fmtInt(c.heapMB)} MB.
              </p>
            </fieldset>
            {presenting ? stats : null}
          </div>
          <div className="sim-main">
            <RunControls {...runBarProps(runner, backpressureModel.tickMs)} />
            <div className="bp-pipe" aria-hidden="true">
              <div className={`bp-node bp-node--${ps.tone}`}>
                <strong>Producer</strong>
                <span className="bp-node__big">{fmtInt(m.acceptedRate)}/s</span>
                <span>sent of {fmtInt(m.offeredRate)}/s offered</span>
                <span className="bp-node__state">{ps.text}</span>
              </div>
              <div className="bp-arrow">→</div>
              <div className={`bp-buffer${m.down ? ' bp-buffer--down' : ''}`}>
                <strong>{bufferTitle}</strong>
                <div className={`bp-gauge bp-gauge--${c.mechanism === 'unbounded' ? 'memory' : bounded ? 'bounded' : 'lag'}`}>
                  <div className="bp-gauge__fill" style={{ width: `${(fill * 100).toFixed(1)}%` }} />
                  {c.mechanism === 'lag' ? <div className="bp-gauge__mark" style={{ left: `${(100 / 1.5).toFixed(1)}%` }} title="threshold" /> : null}
                </div>
                <span>{m.down ? 'Crashed: everything buffered is gone' : bufferText}</span>
              </div>
              <div className="bp-arrow">→</div>
              <div className={`bp-node bp-node--${c.slowdown > 1 ? 'warn' : 'ok'}`}>
                <strong>Consumer</strong>
                <span className="bp-node__big">{fmtInt(consumerRate)}/s</span>
                <span>{c.slowdown > 1 ? `downstream ${fmtNum(c.slowdown)}× slower` : 'downstream healthy'}</span>
              </div>
            </div>
            <div className="sim-charts sim-charts--key" data-sim-key-charts="">
              {keyCharts}
            </div>
            <p className="bp-pipe-text">
              Producer: {ps.text.toLowerCase()}; sending {fmtInt(m.acceptedRate)} of {fmtInt(m.offeredRate)} records/s offered. {bufferTitle}: {m.down ? 'crashed, everything buffered is gone' : bufferText}. Consumer handles {fmtInt(consumerRate)} records/s.
            </p>
            {presenting ? null : stats}
            <EventLog events={runner.events} />
            <Experiments items={tryThis.items} onRun={runExperiment} current={experiment ? { index: experiment.index, endSeconds: (runner.script?.endTick ?? 0) * backpressureModel.tickMs / 1000, finished: runner.finished } : null} />
          </div>
        </div>
        <div className="sim-charts">{moreCharts}</div>
      </div>
    </InteractiveFrame>
  );
}

/** Opens a share link's moment in slices, with progress and Cancel (model-kit/SharedModelMoment.tsx). */
export default withSharedMoment(BackpressureView, { id: ID, model: backpressureModel, schema: shareSchema, subject: 'the backpressure model' });
