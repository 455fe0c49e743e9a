import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { usePresenting } from '../frame/usePresenting';
import { useSearchParams } from 'react-router';
import { ControlPanel } from '../../controls/ControlPanel';
import { controlForKey, controlsFor, resolve, shortcutList, type Control, type ControlContext, type Effect, type Section } from '../../controls/registry';
import { SHARE_PARAM, shareUrl } from '../../share/link';
import type { Scenario } from '../../sim';
import { useStore } from '../../store';
import { SimRunner, type TimelineEntry } from '../../viz/runner';
import { InteractiveFrame } from '../frame/InteractiveFrame';
import type { InteractiveProps } from '../types';
import { Charts } from './Charts';
import { EventLog, FactTables, GroupSummary } from './Facts';
import { GroupTypePanels } from './GroupTypes';
import { meta } from './meta';
import { findScenario, keyChartsOf, momentsOf, scenarioOrDefault, scenarios } from './scenarios';
import { openShare, sharePayload, type OpenedShare } from './share';
import { SharedMoment } from './SharedMoment';
import { tryThisFor } from './tryThis';
import { SeekProgress } from './SeekProgress';
import { VizCanvas } from './VizCanvas';
import './visualiser.css';

const scriptOf = (s: Scenario): TimelineEntry[] => s.actions.map((a) => ({ atMs: a.atMs, action: a.action, user: false }));

function runnerFor(s: Scenario): SimRunner {
  return new SimRunner({ config: s.config, seed: s.seed, timeline: scriptOf(s) });
}

interface Initial {
  runner: SimRunner;
  scenario: Scenario;
  group: string | null;
  notice: string | null;
  fromShare: boolean;
}

function initial(scenarioId: string | null, share: string | null, prepared: OpenedShare | null): Initial {
  let notice: string | null = null;
  if (share) {
    const opened = prepared ?? openShare(share, findScenario);
    if (opened.ok) {
      const scenario = findScenario(opened.payload.scenario) ?? scenarioOrDefault(null);
      return { runner: opened.runner, scenario, group: opened.payload.group, notice: null, fromShare: true };
    }
    notice = opened.message;
  }
  const scenario = scenarioOrDefault(scenarioId);
  if (scenarioId && scenario.id !== scenarioId && !notice) notice = `There is no scenario called "${scenarioId}". Showing "${scenario.title}" instead.`;
  return { runner: runnerFor(scenario), scenario, group: null, notice, fromShare: false };
}

/** A new share link or scenario in the URL starts a fresh visualiser (same page, new moment). */
export default function PartitionVisualiser(props: InteractiveProps) {
  const [params] = useSearchParams();
  const share = props.embedded ? null : params.get(SHARE_PARAM);
  const key = `${props.scenario ?? ''}|${share ?? ''}`;
  // A shared moment is replayed in slices, with a progress bar and a cancel button, before the
  // visualiser shows it (SharedMoment.tsx): a heavy link never freezes the page.
  if (share) return <SharedMoment key={key} share={share}>{(opened) => <Visualiser {...props} share={share} opened={opened} />}</SharedMoment>;
  return <Visualiser key={key} {...props} share={null} opened={null} />;
}

function Visualiser({ scenario: scenarioProp, caption, embedded, share, opened }: InteractiveProps & { share: string | null; opened: OpenedShare | null }) {
  const instanceId = useId();
  const [init] = useState(() => initial(scenarioProp, share, opened));
  const runnerRef = useRef<SimRunner>(init.runner);
  const [scenario, setScenario] = useState<Scenario>(init.scenario);
  const [groupChoice, setGroupChoice] = useState<string | null>(init.group);
  const [keyStatus, setKeyStatusState] = useState({ text: '', count: 0 });
  const setKeyStatus = useCallback((text: string) => setKeyStatusState((k) => ({ text, count: k.count + 1 })), []);
  const bodyRef = useRef<HTMLDivElement>(null);
  const presenting = usePresenting(bodyRef);
  // Re-render when the runner publishes (a few times a second), never per frame.
  useStore((s) => s.visualisers[instanceId]);

  const publish = useCallback(() => {
    const r = runnerRef.current;
    useStore.getState().publishVisualiser(instanceId, { playing: r.playing, speed: r.speed, timeMs: r.timeMs, maxReachedMs: r.maxReachedMs, seed: r.setup.seed, version: r.version, away: r.outOfView });
  }, [instanceId]);

  useEffect(() => {
    if (!init.fromShare) runnerRef.current.setPlaying(true);
    publish();
    return () => useStore.getState().dropVisualiser(instanceId);
  }, [init, instanceId, publish]);

  // Seeking (the time slider, PageUp/PageDown) replays from the nearest snapshot. In a heavy run
  // that can be many simulated seconds of work, so it goes in slices that let the browser draw
  // (SimRunner.seekGradually), with a progress line and Cancel when it takes more than a slice.
  // A new seek replaces one in progress. Play and pause keep working meanwhile: the runner does
  // not advance during a seek, and plays on from the moment reached if it is playing.
  const seekAbort = useRef<AbortController | null>(null);
  const [seeking, setSeeking] = useState<{ done: number; targetMs: number } | null>(null);
  const seekTo = useCallback(
    (ms: number) => {
      const r = runnerRef.current;
      seekAbort.current?.abort();
      const ac = new AbortController();
      seekAbort.current = ac;
      let shown = 0;
      r.seekGradually(ms, {
        signal: ac.signal,
        onProgress: (done) => {
          const now = performance.now();
          if (done >= 1 || now - shown < 100) return;
          shown = now;
          setSeeking({ done, targetMs: ms });
          publish();
        },
      }).then(
        () => {
          if (seekAbort.current !== ac) return;
          seekAbort.current = null;
          setSeeking(null);
          publish();
        },
        () => {
          // replaced by a newer seek (which carries on), or cancelled: stay at the moment reached,
          // paused (the learner stopped the way there)
          if (seekAbort.current !== ac) return;
          r.setPlaying(false);
          seekAbort.current = null;
          setSeeking(null);
          publish();
        },
      );
    },
    [publish],
  );
  useEffect(() => () => seekAbort.current?.abort(), []);

  const runner = runnerRef.current;
  const view = runner.view();
  const group = groupChoice && view.groups.some((g) => g.id === groupChoice) ? groupChoice : (view.groups[0]?.id ?? null);
  const list: Control[] = useMemo(() => controlsFor(embedded), [embedded]);

  const ctx: ControlContext = {
    view,
    playing: runner.playing,
    speed: runner.speed,
    maxReachedMs: runner.maxReachedMs,
    seed: runner.setup.seed,
    config: runner.setup.config,
    scenarioId: scenario.id,
    scenarios: scenarios.map((s) => ({ id: s.id, title: s.title })),
    group,
    moments: momentsOf(scenario),
  };
  const ctxRef = useRef(ctx);
  useEffect(() => {
    ctxRef.current = ctx;
  });

  const switchScenario = useCallback(
    (id: string) => {
      const s = findScenario(id);
      if (!s) return `there is no scenario "${id}"`;
      const r = runnerFor(s);
      r.setSpeed(runnerRef.current.speed);
      r.setPlaying(true);
      runnerRef.current = r;
      setScenario(s);
      setGroupChoice(null);
      publish();
      return null;
    },
    [publish],
  );

  const onEffect = useCallback(
    (_c: Control, effect: Effect): string | null => {
      const r = runnerRef.current;
      if (effect.kind === 'action') {
        const msg = r.act(effect.action);
        if (!msg && effect.action.type === 'group/add') setGroupChoice(effect.action.group.id);
        publish();
        return msg;
      }
      const cmd = effect.command;
      switch (cmd.type) {
        case 'play':
          r.setPlaying(cmd.playing);
          break;
        case 'step':
          r.setPlaying(false);
          r.step();
          break;
        case 'step-back':
          r.setPlaying(false);
          r.stepBack();
          break;
        case 'speed':
          r.setSpeed(cmd.speed);
          break;
        case 'restart':
          r.restart();
          break;
        case 'new-seed':
          r.restart((Math.imul(r.setup.seed ^ 0x9e3779b9, 2654435761) + 1) >>> 0);
          break;
        case 'fast-forward':
          r.fastForward(cmd.ms);
          break;
        case 'seek':
          seekTo(cmd.ms);
          return null;
        case 'scenario':
          return switchScenario(cmd.id);
        case 'reconfigure':
          try {
            r.restart(r.setup.seed, cmd.config);
          } catch (err) {
            return err instanceof Error ? (err.message.split('\n')[1]?.trim() ?? err.message) : 'that configuration is not valid';
          }
          break;
        case 'select-group':
          setGroupChoice(cmd.group);
          break;
      }
      publish();
      return null;
    },
    [publish, switchScenario, seekTo],
  );

  const onKey = useCallback(
    (e: KeyboardEvent): boolean => {
      const t = e.target as HTMLElement | null;
      // Let Space and Enter press the focused button, link or summary as usual.
      if ((e.key === ' ' || e.key === 'Enter') && t?.closest?.('button, a, summary, [role="button"]')) return false;
      const c = ctxRef.current;
      const hit = controlForKey(list, e.key, c);
      if (!hit) return false;
      const res = resolve(hit.control, hit.raw, c);
      if (!res.ok) {
        setKeyStatus(res.message);
        return true;
      }
      const msg = res.value ? onEffect(hit.control, res.value) : null;
      setKeyStatus(msg ? `${hit.control.label}: ${msg}` : `${hit.control.shortcut?.label ?? hit.control.label}: done.`);
      return true;
    },
    [list, onEffect, setKeyStatus],
  );

  const makeShareUrl = useCallback(() => shareUrl(meta.id, sharePayload(runnerRef.current, scenario.id, group), { scenario: scenario.id }), [scenario.id, group]);

  const topic = view.topics[0];
  const canvasLabel = `Animation of topic ${topic?.name ?? ''}: ${topic?.partitions.length ?? 0} partitions as lanes with records coloured by key, the high watermark where a stopped replica holds it back, records waiting in the producer, and ${view.groups.length} consumer group${view.groups.length === 1 ? '' : 's'} with their consumers, owners and lag (a question mark where it is unknown). The summary, event log and tables give the same facts in words.`;
  const charts = keyChartsOf(scenario.id);
  const away = runner.playing && runner.outOfView;
  const time = `${(view.timeMs / 1000).toFixed(2)} s`;
  const statusText = presenting
    ? `${away ? 'Paused (out of view)' : runner.playing ? 'Playing' : 'Paused'} · ${time} · ${runner.speed}x`
    : away
    ? `Paused (out of view) at ${time}: it plays on when you scroll back to it. Speed ${runner.speed}x, seed ${runner.setup.seed}.`
    : `${runner.playing ? 'Playing' : 'Paused'} at ${time}, speed ${runner.speed}x, seed ${runner.setup.seed}.`;
  const status = (
    <>
      <p className="viz-status" data-viz-status={away ? 'away' : runner.playing ? 'playing' : 'paused'}>
        <span className="viz-status__time">{statusText}</span>
      </p>
      {seeking && <SeekProgress done={seeking.done} targetMs={seeking.targetMs} fromMs={view.timeMs} onCancel={() => seekAbort.current?.abort()} />}
    </>
  );
  const keyStatusRegion = (
    <p className="visually-hidden" role="status" aria-live="polite" data-key-status={keyStatus.count}>
      {keyStatus.text}
    </p>
  );
  const frameProps = {
    id: meta.id,
    title: embedded ? `${meta.title}: ${scenario.title}` : meta.title,
    embedded,
    makeShareUrl,
    shortcuts: shortcutList(list),
    tryThis: tryThisFor(scenario.id),
    notice: init.notice,
    onKey,
  };

  if (presenting) {
    const faults = list.filter((c) => c.section === 'fault' || (c.id === 'group.select' && view.groups.length > 1));
    const bar = (
      <div className="viz-present__play">
        <ControlPanel controls={list.filter((c) => PRESENTER_PLAYBACK.includes(c.id))} ctx={ctx} onEffect={onEffect} sections={['run']} layout="bar" />
        {status}
      </div>
    );
    return (
      <InteractiveFrame {...frameProps} title={scenario.title} presenterBar={bar}>
        <div ref={bodyRef} className="viz viz--presenting" data-visualiser={scenario.id}>
          <div className="viz-present">
            <div className="viz-present__canvas">
              <VizCanvas runnerRef={runnerRef} onPublish={publish} large fitHeight label={canvasLabel} />
            </div>
            <div className="viz-present__side">
              <Charts view={view} ids={charts.key} height={118} compact presenter keyCharts />
              <EventLog lines={runner.log} max={6} fit />
            </div>
            <div className="viz-present__faults">
              <ControlPanel controls={faults} ctx={ctx} onEffect={onEffect} sections={['group', 'fault']} layout="bar" />
            </div>
          </div>
          {keyStatusRegion}
        </div>
      </InteractiveFrame>
    );
  }

  const panelSections: Section[] = embedded ? ['fault', 'producer', 'group'] : ['fault', 'producer', 'group', 'topic'];
  const scenarioPick = list.find((c) => c.id === 'scenario.pick');
  return (
    <InteractiveFrame {...frameProps}>
      <div ref={bodyRef} className={`viz${embedded ? ' viz--embedded' : ''}`} data-visualiser={scenario.id}>
        <div className="viz-scenario">
          {embedded ? null : (
            <div className="viz-scenario__head">
              <h3 className="viz-scenario__title">{scenario.title}</h3>
              {scenarioPick ? <ControlPanel controls={[scenarioPick]} ctx={ctx} onEffect={onEffect} sections={['scenario']} layout="bar" /> : null}
            </div>
          )}
          <p className="viz-scenario__summary">{caption ?? scenario.summary}</p>
        </div>
        <div className="viz-stage">
          <div className="viz-stage__main">
            <VizCanvas runnerRef={runnerRef} onPublish={publish} large={false} label={canvasLabel} />
            <ControlPanel controls={list} ctx={ctx} onEffect={onEffect} sections={['run']} layout="bar" />
            {status}
            <LaneLegend groups={view.groups.map((g) => g.id)} />
          </div>
          <div className="viz-stage__side">
            <Charts view={view} ids={charts.key} height={104} compact presenter keyCharts />
            <ControlPanel controls={list} ctx={ctx} onEffect={onEffect} sections={panelSections} layout="tabs" label="Change and break things" />
          </div>
        </div>
        {keyStatusRegion}
        <div className="viz-columns">
          <GroupSummary view={view} />
          <EventLog lines={runner.log} max={12} />
        </div>
        <GroupTypePanels view={view} />
        <Charts view={view} ids={charts.more} height={150} />
        <FactTables view={view} />
      </div>
    </InteractiveFrame>
  );
}

/** The playback controls on presenter mode's stage (the rest are a keyboard away). */
const PRESENTER_PLAYBACK = ['run.play', 'run.step-back', 'run.step', 'run.moment-prev', 'run.moment-next', 'run.speed'];

/** What the marks on the lanes mean (the canvas cannot say it itself). */
function LaneLegend({ groups }: { groups: string[] }) {
  const names = groups.map((g, i) => `${i + 1} = ${g}`).join(', ');
  return (
    <ul className="viz-legend" aria-label="How to read the lanes" data-viz-legend="">
      <li>
        <span className="viz-legend__swatch viz-legend__swatch--records" aria-hidden="true" /> record (colour = key)
      </li>
      <li>
        <span className="viz-legend__glyph">1 2</span> committed offset of group 1, 2{names ? ` (${names})` : ''}
      </li>
      <li>
        <span className="viz-legend__glyph">◀1</span> committed further back than shown
      </li>
      <li>
        <span className="viz-legend__swatch viz-legend__swatch--poison" aria-hidden="true" /> poison record
      </li>
      <li>
        <span className="viz-legend__swatch viz-legend__swatch--hatch" aria-hidden="true" /> paused, stopped, offline
      </li>
      <li>
        <span className="viz-legend__glyph">120/s</span> writes per second
      </li>
    </ul>
  );
}
