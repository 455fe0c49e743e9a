import { useRef } from 'react';
import tryThisYaml from '../../../content/interactives/backpressure-chain.yaml';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart';
import type { Series } from '../../charts/scales';
import { CHAIN_DEFAULTS, CHAIN_LIMITS, chainActionSchema, chainConfigSchema, chainMetrics, chainModel, type ChainParams, type ChainState, type Middle } from '../../sim/models/chain';
import { chainTryThisSchema, parseTryThis } from '../../sim/models/tryThis';
import { EventLog, Experiments, NumberField, RunControls, Stat, fmtInt, fmtNum, handleRunKey, runBarProps, runShortcuts } from '../model-kit/controls';
import { shareMoment, snapshotSchema } from '../model-kit/share';
import { useModelInteractive } from '../model-kit/useModelInteractive';
import { withSharedMoment, type OpenedModelShare } from '../model-kit/SharedModelMoment';
import type { ChainConfig, ChainAction } from '../../sim/models/chain';
import { InteractiveFrame } from '../frame/InteractiveFrame';
import { usePresenting } from '../frame/usePresenting';
import type { InteractiveProps } from '../types';
import '../model-kit/kit.css';
import '../backpressure/backpressure.css';
import './chain.css';

const ID = 'backpressure-chain';
const tryThis = parseTryThis(ID, chainTryThisSchema, tryThisYaml);
const shareSchema = snapshotSchema(chainConfigSchema, chainActionSchema);
const SEED = 3;
const SLOW = 100;

const middleText: Record<Middle, { label: string; how: string }> = {
  bounded: { label: 'Bounded, blocking', how: 'B waits when it is full' },
  unbounded: { label: 'Unbounded, in B’s memory', how: 'never full, until memory runs out' },
  kafka: { label: 'A Kafka topic', how: 'on disk; the backlog is consumer lag' },
};

type Tone = 'ok' | 'warn' | 'danger';

function describe(s: ChainState, m: ReturnType<typeof chainMetrics>) {
  const c = s.config;
  const a: { state: string; tone: Tone } = m.blockedA ? { state: `Blocked: turning away ${fmtInt(m.rejectedRate)}/s with 503`, tone: 'danger' } : c.middle !== 'bounded' && c.stageCRate < c.arrivalRate ? { state: 'Unaware: accepting everything', tone: 'warn' } : { state: 'Accepting every order', tone: 'ok' };
  const b: { state: string; tone: Tone } = m.bDown ? { state: 'Crashed: out of memory, restarting', tone: 'danger' } : m.blockedB ? { state: 'Blocked: waits for room downstream', tone: 'warn' } : c.middle === 'unbounded' && m.memoryB > c.heapMB * 0.6 ? { state: 'Memory filling up', tone: 'danger' } : { state: 'Passing orders on freely', tone: 'ok' };
  const cc: { state: string; tone: Tone } = c.stageCRate < c.arrivalRate ? { state: 'Slow: the database is struggling', tone: 'warn' } : { state: 'Keeping up', tone: 'ok' };
  return { a, b, c: cc };
}

function BufferBox({ title, size, bound, kind, memory, heap, lag, age, retention, down }: { title: string; size: number; bound: number; kind: Middle; memory?: number; heap?: number; lag?: number; age?: number; retention?: number; down?: boolean }) {
  let fill = 0;
  let text: string;
  if (down) text = 'Gone: B crashed with it';
  else if (kind === 'bounded') {
    fill = size / bound;
    text = `${fmtInt(size)} of ${fmtInt(bound)}${size >= bound ? ' (full)' : ''}`;
  } else if (kind === 'unbounded') {
    fill = ((memory ?? 0) - 40) / Math.max(1, (heap ?? 1) - 40);
    text = `${fmtInt(size)} queued, B memory ${fmtNum(memory ?? 0)} of ${fmtInt(heap ?? 0)} MB`;
  } else {
    fill = (age ?? 0) / Math.max(1, retention ?? 1);
    text = `lag ${fmtInt(lag ?? 0)}, oldest ${fmtNum(age ?? 0)} s of ${fmtInt(retention ?? 0)} s retention`;
  }
  return (
    <div className={`bp-buffer ch-buffer${down ? ' bp-buffer--down' : ''}${kind === 'bounded' && size >= bound ? ' ch-buffer--full' : ''}`}>
      <strong>{title}</strong>
      <div className={`bp-gauge bp-gauge--${kind === 'unbounded' ? 'memory' : kind === 'kafka' ? 'lag' : 'bounded'}`}>
        <div className="bp-gauge__fill" style={{ width: `${(Math.min(1, Math.max(0, fill)) * 100).toFixed(1)}%` }} />
      </div>
      <span>{text}</span>
    </div>
  );
}

function BackpressureChainView({ embedded, scenario, opened }: InteractiveProps & { opened: OpenedModelShare<ChainConfig, ChainState, ChainAction> | null }) {
  const { runner, notice, setShareNote, runExperiment, experiment } = useModelInteractive({
    opened,
    scenario,
    model: chainModel,
    defaults: CHAIN_DEFAULTS,
    seed: SEED,
    tryThis,
    coalesce: (a, b) => (a.params.middle || b.params.middle ? null : { type: 'set' as const, params: { ...a.params, ...b.params } }),
  });
  const s = runner.state;
  const simRef = useRef<HTMLDivElement>(null);
  const presenting = usePresenting(simRef);
  const c = s.config;
  const m = chainMetrics(s);
  const set = (params: Partial<ChainParams>) => runner.apply({ type: 'set', params });
  const slow = c.stageCRate < c.arrivalRate;
  const toggleSlow = () => set({ stageCRate: slow ? CHAIN_DEFAULTS.stageCRate : SLOW });

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 's') {
      toggleSlow();
      return true;
    }
    const mid = ({ b: 'bounded', u: 'unbounded', t: 'kafka' } as Record<string, Middle>)[e.key];
    if (mid) {
      set({ middle: mid });
      return true;
    }
    return handleRunKey(e, { ...runner, reset: () => runner.reset() });
  };
  const d = describe(s, m);
  const ser = (id: string, label: string, color: string, dashed = false): Series => ({ id, label, color, t: s.series.t, v: s.series.v[id] ?? [], dashed });
  const timeFmt = (ms: number) => `${Math.round(ms / 1000)} s`;
  const shades = s.downPeriods.map(([fromMs, toMs]) => ({ fromMs, toMs }));
  const shadeProps = shades.length ? { shades, shadeLabel: 'stage B down after running out of memory' } : {};
  const signalStopsAt = c.middle === 'bounded' ? (m.blockedA ? 'The slow-down has reached stage A: the whole chain runs at the slowest stage’s pace.' : m.blockedB ? 'The slow-down has reached stage B; stage A will feel it when B’s input fills.' : slow ? 'C’s input is filling; the signal has not reached B yet.' : 'No stage is held back.') : c.middle === 'unbounded' ? 'The signal stops at the unbounded buffer: A and B never hear about the slow database.' : 'The signal stops at the Kafka topic, on purpose: watch lag and retention instead.';

  const waitingChart = <TimeSeriesChart title="Orders waiting in each buffer" unit="orders" formatTime={timeFmt} tMax={s.t} series={[ser('bufferAB', 'A→B', 'var(--accent)'), ser('bufferBC', c.middle === 'kafka' ? 'B→C (lag)' : 'B→C', 'var(--tip)', true)]} />;
  const rateChart = <TimeSeriesChart title="Orders per second" unit="orders/s" formatTime={timeFmt} tMax={s.t} {...shadeProps} series={[ser('acceptedRate', 'accepted at A', 'var(--ok)'), ser('rejectedRate', 'turned away (503)', 'var(--danger)', true), ser('writtenRate', 'written by C', 'var(--accent)')]} />;
  const memoryChart = <TimeSeriesChart title="Stage B memory" unit="MB" formatTime={timeFmt} tMax={s.t} {...shadeProps} series={[ser('memoryB', 'B memory', 'var(--tip)'), { id: 'heap', label: 'memory limit', color: 'var(--danger)', t: s.series.t, v: s.series.t.map(() => c.heapMB), dashed: true }]} />;

  const verdict = <p className="ch-verdict">{signalStopsAt}</p>;
  // On the presenter stage the big numbers sit in the left column, under the choices.
  const stats = (
    <dl className="sim-stats">
      <Stat label="Turned away (503)" value={fmtInt(m.rejected)} unit="orders" tone={m.rejected > 0 ? 'warn' : 'neutral'} note={`${fmtInt(m.rejectedRate)}/s now`} />
      <Stat label="Lost in B’s crash" value={fmtInt(m.lostInCrash)} unit="orders" tone={m.lostInCrash > 0 ? 'danger' : 'ok'} note={`${fmtInt(m.crashes)} ${m.crashes === 1 ? 'crash' : 'crashes'}`} />
      <Stat label="Deleted unread (retention)" value={fmtInt(m.expired)} unit="orders" tone={m.expired > 0 ? 'danger' : 'ok'} />
      <Stat label="B memory" value={fmtNum(m.memoryB)} unit={`of ${fmtInt(c.heapMB)} MB`} tone={m.memoryB > c.heapMB * 0.75 ? 'danger' : 'neutral'} />
      <Stat label={c.middle === 'kafka' ? 'Consumer lag' : 'Queued before C'} value={fmtInt(m.bufferBC)} unit="orders" />
      <Stat label="Written to the database" value={fmtInt(m.written)} unit="orders" note={`latency ${fmtNum(m.latencyMs / 1000)} s`} />
    </dl>
  );
  return (
    <InteractiveFrame
      id={ID}
      title="Backpressure propagation"
      embedded={embedded}
      notice={notice}
      makeShareUrl={() => shareMoment(ID, runner.snapshot(), s.config, setShareNote)}
      shortcuts={[...runShortcuts, { keys: ['s'], label: 'Slow stage C down, or restore it' }, { keys: ['b', 'u', 't'], label: 'Middle buffer: bounded, unbounded, Kafka topic' }]}
      tryThis={tryThis.items.map((i) => ({ prompt: i.prompt, outcome: i.outcome }))}
      onKey={onKey}
      presenterBar={<RunControls {...runBarProps(runner, chainModel.tickMs)} compact />}
    >
      <div className="sim ch" ref={simRef}>
        <div className="sim-top">
          <div className="sim-panel">
            <fieldset>
              <legend>Buffer between B and C</legend>
              {(Object.keys(middleText) as Middle[]).map((k) => (
                <label key={k} className="sim-choice">
                  <input type="radio" name={`${ID}-mid`} checked={c.middle === k} onChange={() => set({ middle: k })} />
                  <span>
                    {middleText[k].label}
                    <small>{middleText[k].how}</small>
                  </span>
                </label>
              ))}
            </fieldset>
            <button type="button" className={`ch-slow${slow ? ' ch-slow--on' : ''}`} aria-pressed={slow} onClick={toggleSlow}>
              {slow ? `Restore C to ${fmtInt(CHAIN_DEFAULTS.stageCRate)}/s` : `Slow C down to ${SLOW}/s`}
            </button>
            <fieldset>
              <legend>Settings</legend>
              <NumberField label="Orders arriving at A" unit="orders/s" value={c.arrivalRate} min={CHAIN_LIMITS.arrivalRate[0]} max={CHAIN_LIMITS.arrivalRate[1]} log onChange={(v) => set({ arrivalRate: v })} />
              <NumberField label="Stage C (database writer) speed" unit="orders/s" value={c.stageCRate} min={CHAIN_LIMITS.stageCRate[0]} max={CHAIN_LIMITS.stageCRate[1]} log onChange={(v) => set({ stageCRate: v })} />
              <NumberField label="Bounded buffer size" unit="orders" value={c.bufferSize} min={CHAIN_LIMITS.bufferSize[0]} max={CHAIN_LIMITS.bufferSize[1]} log onChange={(v) => set({ bufferSize: v })} />
              <NumberField label="Kafka retention" unit="s" value={c.retentionSec} min={CHAIN_LIMITS.retentionSec[0]} max={CHAIN_LIMITS.retentionSec[1]} log onChange={(v) => set({ retentionSec: v })} hint="Shortened from days to seconds so you can watch it." />
              <p className="sim-note">
                A and B each handle {fmtInt(c.stageARate)} orders/s. B may use {fmtInt(c.heapMB)} MB; each queued order takes {fmtNum(c.orderKB)} KB.
              </p>
            </fieldset>
            {presenting ? verdict : null}
            {presenting ? stats : null}
          </div>
          <div className="sim-main">
            <RunControls {...runBarProps(runner, chainModel.tickMs)} />
            <div className="ch-pipe" aria-hidden="true">
              <div className={`bp-node bp-node--${d.a.tone}`}>
                <strong>A: ingest</strong>
                <span className="bp-node__big">{fmtInt(m.acceptedRate)}/s</span>
                <span>accepted of {fmtInt(c.arrivalRate)}/s</span>
                <span className="bp-node__state">{d.a.state}</span>
              </div>
              <BufferBox title="Buffer A→B" size={m.bufferAB} bound={c.bufferSize} kind="bounded" />
              <div className={`bp-node bp-node--${d.b.tone}`}>
                <strong>B: enrich</strong>
                <span className="bp-node__state">{d.b.state}</span>
              </div>
              <BufferBox title={c.middle === 'kafka' ? 'Topic orders-enriched' : 'Buffer B→C'} size={m.bufferBC} bound={c.bufferSize} kind={c.middle} memory={m.memoryB} heap={c.heapMB} lag={m.lag} age={m.oldestAgeSec} retention={c.retentionSec} down={c.middle === 'unbounded' && m.bDown === 1} />
              <div className={`bp-node bp-node--${d.c.tone}`}>
                <strong>C: database writer</strong>
                <span className="bp-node__big">{fmtInt(m.writtenRate)}/s</span>
                <span>can do {fmtInt(c.stageCRate)}/s</span>
                <span className="bp-node__state">{d.c.state}</span>
              </div>
            </div>
            <div className="ch-signal" aria-hidden="true">
              <span className={m.blockedA ? 'ch-signal__on' : ''}>{m.blockedA ? '← slow down' : ''}</span>
              <span className={m.blockedB ? 'ch-signal__on' : ''}>{m.blockedB ? '← slow down' : ''}</span>
            </div>
            {presenting ? null : verdict}
            <div className="sim-charts sim-charts--key" data-sim-key-charts="">
              {waitingChart}
              {rateChart}
            </div>
            <p className="bp-pipe-text">
              Stage A: {d.a.state.toLowerCase()}, accepting {fmtInt(m.acceptedRate)} of {fmtInt(c.arrivalRate)} orders/s. Buffer A→B holds {fmtInt(m.bufferAB)} of {fmtInt(c.bufferSize)}. Stage B: {d.b.state.toLowerCase()}. {c.middle === 'kafka' ? `Topic lag ${fmtInt(m.lag)} orders, oldest ${fmtNum(m.oldestAgeSec)} s old.` : `Buffer B→C holds ${fmtInt(m.bufferBC)}${c.middle === 'bounded' ? ` of ${fmtInt(c.bufferSize)}` : ' (no limit)'}.`} Stage C writes {fmtInt(m.writtenRate)} orders/s.
            </p>
            {presenting ? null : stats}
            <EventLog events={runner.events} />
            <Experiments items={tryThis.items} onRun={runExperiment} current={experiment ? { index: experiment.index, endSeconds: (runner.script?.endTick ?? 0) * chainModel.tickMs / 1000, finished: runner.finished } : null} />
          </div>
        </div>
        <div className="sim-charts">{memoryChart}</div>
      </div>
    </InteractiveFrame>
  );
}

/** Opens a share link's moment in slices, with progress and Cancel (model-kit/SharedModelMoment.tsx). */
export default withSharedMoment(BackpressureChainView, { id: ID, model: chainModel, schema: shareSchema, subject: 'the three-stage chain' });
