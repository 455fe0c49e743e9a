import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
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
import { meta } from './meta';
import { findScenario, scenarioOrDefault, scenarios } from './scenarios';
import { openShare, sharePayload } from './share';
import { tryThisFor } from './tryThis';
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

function initial(scenarioId: string | null, share: string | null): Initial {
  let notice: string | null = null;
  if (share) {
    const opened = openShare(share, findScenario);
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

function usePresenting(ref: React.RefObject<HTMLElement | null>): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const check = () => setOn(!!ref.current?.closest('.interactive-frame--presenting'));
    const mo = new MutationObserver(check);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-presenter'] });
    check();
    return () => mo.disconnect();
  }, [ref]);
  return on;
}

/** A new share link or scenario in the URL starts a fresh visualiser (same page, new moment). */
export default function PartitionVisualiser(props: InteractiveProps) {
  const [params] = useSearchParams();
  const share = props.embedded ? null : params.get(SHARE_PARAM);
  return <Visualiser key={`${props.scenario ?? ''}|${share ?? ''}`} {...props} share={share} />;
}

function Visualiser({ scenario: scenarioProp, caption, embedded, share }: InteractiveProps & { share: string | null }) {
  const instanceId = useId();
  const [init] = useState(() => initial(scenarioProp, share));
  const runnerRef = useRef<SimRunner>(init.runner);
  const [scenario, setScenario] = useState<Scenario>(init.scenario);
  const [groupChoice, setGroupChoice] = useState<string | null>(init.group);
  const [keyStatus, setKeyStatus] = useState('');
  const bodyRef = useRef<HTMLDivElement>(null);
  const presenting = usePresenting(bodyRef);
  // Re-render when the runner publishes (a few times a second), never per frame.
  useStore((s) => s.visualisers[instanceId]);

  const publish = useCallback(() => {
    const r = runnerRef.current;
    useStore.getState().publishVisualiser(instanceId, { playing: r.playing, speed: r.speed, timeMs: r.timeMs, maxReachedMs: r.maxReachedMs, seed: r.setup.seed, version: r.version });
  }, [instanceId]);

  useEffect(() => {
    if (!init.fromShare) runnerRef.current.setPlaying(true);
    publish();
    return () => useStore.getState().dropVisualiser(instanceId);
  }, [init, instanceId, publish]);

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
          r.seek(cmd.ms);
          break;
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
    [publish, switchScenario],
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
    [list, onEffect],
  );

  const makeShareUrl = useCallback(() => shareUrl(meta.id, sharePayload(runnerRef.current, scenario.id, group), { scenario: scenario.id }), [scenario.id, group]);

  const sections: Section[] = presenting ? ['run', 'fault'] : embedded ? ['run', 'producer', 'group', 'fault'] : ['run', 'scenario', 'topic', 'producer', 'group', 'fault'];
  const topic = view.topics[0];
  const canvasLabel = `Animation of topic ${topic?.name ?? ''}: ${topic?.partitions.length ?? 0} partitions as lanes with records coloured by key, the high watermark where a stopped replica holds it back, records waiting in the producer, and ${view.groups.length} consumer group${view.groups.length === 1 ? '' : 's'} with their consumers, owners and lag (a question mark where it is unknown). The summary, event log and tables give the same facts in words.`;

  return (
    <InteractiveFrame
      id={meta.id}
      title={embedded ? `${meta.title}: ${scenario.title}` : meta.title}
      embedded={embedded}
      makeShareUrl={makeShareUrl}
      shortcuts={shortcutList(list)}
      tryThis={tryThisFor(scenario.id)}
      notice={init.notice}
      onKey={onKey}
    >
      <div ref={bodyRef} className={`viz${presenting ? ' viz--presenting' : ''}${embedded ? ' viz--embedded' : ''}`} data-visualiser={scenario.id}>
        <div className="viz-scenario">
          {embedded ? null : <h3 className="viz-scenario__title">{scenario.title}</h3>}
          <p className="viz-scenario__summary">{caption ?? scenario.summary}</p>
        </div>
        <VizCanvas runnerRef={runnerRef} onPublish={publish} large={presenting} label={canvasLabel} />
        {presenting ? (
          <p className="viz-latest" aria-hidden="true">
            {runner.log.at(-1)?.text ?? 'Nothing has happened yet.'}
          </p>
        ) : null}
        <p className="viz-status" role="status" aria-live="polite">
          <span className="viz-status__time">
            {runner.playing ? 'Playing' : 'Paused'} at {(view.timeMs / 1000).toFixed(2)} s, speed {runner.speed}x, seed {runner.setup.seed}.
          </span>{' '}
          <span className="visually-hidden">{keyStatus}</span>
        </p>
        <div className="viz-columns">
          <ControlPanel controls={list} ctx={ctx} onEffect={onEffect} sections={sections} />
          <div className="viz-facts">
            <GroupSummary view={view} />
            <EventLog lines={runner.log} max={presenting ? 4 : 12} />
          </div>
        </div>
        {presenting ? null : <Charts view={view} second={Math.floor(view.timeMs / 1000)} />}
        {presenting ? null : <FactTables view={view} />}
      </div>
    </InteractiveFrame>
  );
}
