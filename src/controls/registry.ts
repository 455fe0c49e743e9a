import { DEFAULTS, type AssignorName, type GroupType, type KeyConfig, type SimAction, type SimConfig, type SimView } from '../sim';
import { clipForMessage, formatNumber, readDecimal } from '../format/number';

/**
 * The control registry: one definition per control (id, label, kind, current value, validation,
 * effect, shortcut). The control panel, the keyboard shortcuts, the `?` list, presenter mode and
 * the end-to-end tests all read it; nothing else defines a control.
 */

export type Section = 'run' | 'scenario' | 'topic' | 'producer' | 'group' | 'fault';

export const SECTION_TITLES: Record<Section, string> = {
  run: 'Playback',
  scenario: 'Scenario',
  topic: 'Topic',
  producer: 'Producer',
  group: 'Consumer groups',
  fault: 'Faults',
};

export type RunnerCommand =
  | { type: 'play'; playing: boolean }
  | { type: 'step' }
  | { type: 'step-back' }
  | { type: 'speed'; speed: number }
  | { type: 'restart' }
  | { type: 'new-seed' }
  | { type: 'fast-forward'; ms: number }
  | { type: 'seek'; ms: number }
  | { type: 'scenario'; id: string }
  | { type: 'reconfigure'; config: SimConfig }
  | { type: 'select-group'; group: string };

export type Effect = { kind: 'action'; action: SimAction } | { kind: 'runner'; command: RunnerCommand };

export interface ControlContext {
  /** the read model of the current moment; the controls read every setting from view.settings */
  view: SimView;
  playing: boolean;
  speed: number;
  maxReachedMs: number;
  seed: number;
  config: SimConfig;
  scenarioId: string;
  scenarios: { id: string; title: string }[];
  /** the group that group and fault controls act on */
  group: string | null;
  /** the scenario's scripted moments (ms): its start, each scheduled change, its end (PageUp/PageDown) */
  moments?: readonly number[];
}

/** The scripted moment after (dir 1) or before (dir -1) the current time, or null at either end. */
export function momentFrom(ctx: ControlContext, dir: 1 | -1): number | null {
  const list = [...new Set(ctx.moments ?? [])].sort((a, b) => a - b);
  const now = ctx.view.timeMs;
  // A moment within a tick of now counts as "here": forward skips it, backward too.
  if (dir > 0) return list.find((m) => m > now + 50) ?? null;
  return [...list].reverse().find((m) => m < now - 50) ?? null;
}

export type Parsed<V> = { ok: true; value: V } | { ok: false; message: string };

export interface Option {
  value: string;
  label: string;
}

interface Base<V> {
  id: string;
  label: string;
  /** a shorter text for a button in a compact bar (the label stays its accessible name) */
  short?: string;
  section: Section;
  /** part of the reduced set shown when embedded in a lesson */
  embedded: boolean;
  help?: string;
  /** why the control cannot be used now, or null */
  disabled?: (ctx: ControlContext) => string | null;
  /** keyboard shortcut: keys, and for keys that carry a value, how the key maps to one */
  shortcut?: { keys: string[]; label: string; value?: (key: string, ctx: ControlContext) => V | null };
  effect: (value: V, ctx: ControlContext) => Effect | null;
}

export interface ButtonControl extends Base<null> {
  kind: 'button';
  /** the button's text may depend on state (e.g. Play / Pause) */
  text?: (ctx: ControlContext) => string;
  pressed?: (ctx: ControlContext) => boolean;
}

export interface ToggleControl extends Base<boolean> {
  kind: 'toggle';
  value: (ctx: ControlContext) => boolean;
}

export interface SelectControl extends Base<string> {
  kind: 'select';
  options: (ctx: ControlContext) => Option[];
  value: (ctx: ControlContext) => string;
}

export interface NumberControl extends Base<number> {
  kind: 'number' | 'range';
  min: (ctx: ControlContext) => number;
  max: (ctx: ControlContext) => number;
  step: number;
  integer: boolean;
  unit?: string;
  value: (ctx: ControlContext) => number;
  /** words for screen readers, e.g. "12.5 seconds of 40" */
  valueText?: (v: number, ctx: ControlContext) => string;
  /**
   * For a number that goes with an action (e.g. which partition gets a poison record): the text of
   * the button that applies it. The value is then applied only by that button or Enter, never on
   * leaving the field, and what the learner typed stays in the field.
   */
  submit?: { text: string; label: string };
  /** the message after "<label>: " for a value outside min..max (default "must be between lo and hi") */
  rangeMessage?: (lo: number, hi: number) => string;
}

/** One button of a ButtonsControl. */
export interface ButtonItem {
  /** what pressing it applies (the control's value) */
  value: string;
  text: string;
  /** a short state shown with the text, e.g. "up" or "stopped" */
  state?: string;
  /** why this button cannot be used now, or null */
  disabled: string | null;
}

/** A row of buttons, one per target (e.g. one per broker); pressing one applies its value. */
export interface ButtonsControl extends Base<string> {
  kind: 'buttons';
  items: (ctx: ControlContext) => ButtonItem[];
}

export type Control = ButtonControl | ToggleControl | SelectControl | NumberControl | ButtonsControl;

// ---------------------------------------------------------------------------------------------

/** Parse and validate what a learner typed into a number control. */
export function parseNumber(c: NumberControl, raw: string, ctx: ControlContext): Parsed<number> {
  const read = readDecimal(raw);
  if (!read.ok && read.reason === 'empty') return { ok: false, message: `${c.label}: enter a number.` };
  if (!read.ok && read.reason === 'too-large') return { ok: false, message: `${c.label}: "${clipForMessage(raw)}" is far too large.` };
  if (!read.ok) return { ok: false, message: `${c.label}: "${clipForMessage(raw)}" is not a plain decimal number.` };
  const n = read.value;
  if (c.integer && !Number.isInteger(n)) return { ok: false, message: `${c.label}: use a whole number.` };
  const lo = c.min(ctx);
  const hi = c.max(ctx);
  if (n < lo || n > hi) return { ok: false, message: `${c.label}: ${c.rangeMessage ? c.rangeMessage(lo, hi) : `must be between ${formatNumber(lo)} and ${formatNumber(hi)}${c.unit ? ` ${c.unit}` : ''}.`}` };
  return { ok: true, value: n };
}

export function parseButtons(c: ButtonsControl, raw: string, ctx: ControlContext): Parsed<string> {
  const item = c.items(ctx).find((i) => i.value === raw);
  if (!item) return { ok: false, message: `${c.label}: choose one of the listed buttons.` };
  if (item.disabled) return { ok: false, message: `${item.text}: ${item.disabled}` };
  return { ok: true, value: raw };
}

export function parseSelect(c: SelectControl, raw: string, ctx: ControlContext): Parsed<string> {
  return c.options(ctx).some((o) => o.value === raw) ? { ok: true, value: raw } : { ok: false, message: `${c.label}: choose one of the listed options.` };
}

/** Parse a raw input for any control and produce its effect (or a message). */
export function resolve(c: Control, raw: string | boolean | null, ctx: ControlContext): Parsed<Effect | null> {
  const why = c.disabled?.(ctx) ?? null;
  if (why) return { ok: false, message: `${c.label}: ${why}` };
  switch (c.kind) {
    case 'button':
      return { ok: true, value: c.effect(null, ctx) };
    case 'toggle':
      return { ok: true, value: c.effect(typeof raw === 'boolean' ? raw : raw === 'true', ctx) };
    case 'select': {
      const p = parseSelect(c, String(raw ?? ''), ctx);
      return p.ok ? { ok: true, value: c.effect(p.value, ctx) } : p;
    }
    case 'number':
    case 'range': {
      const p = parseNumber(c, String(raw ?? ''), ctx);
      return p.ok ? { ok: true, value: c.effect(p.value, ctx) } : p;
    }
    case 'buttons': {
      const p = parseButtons(c, String(raw ?? ''), ctx);
      return p.ok ? { ok: true, value: c.effect(p.value, ctx) } : p;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers reading the live settings from the read model (view.settings).

const topicName = (ctx: ControlContext) => ctx.view.topics[0]?.name ?? '';
const producer = (ctx: ControlContext) => ctx.view.settings?.producers[0];
const groupOf = (ctx: ControlContext) => ctx.view.groups.find((g) => g.id === ctx.group);
const groupSettings = (ctx: ControlContext) => (ctx.group === null ? undefined : ctx.view.settings?.groups[ctx.group]);
const needGroup = (ctx: ControlContext) => (groupOf(ctx) ? null : 'there is no consumer group; add one first');
const classicOnly = (ctx: ControlContext) =>
  needGroup(ctx) ??
  (groupOf(ctx)?.type === 'consumer'
    ? 'a consumer group (KIP-848) is assigned by the broker, not by client-side assignors'
    : groupOf(ctx)?.type === 'share'
      ? 'a share group (KIP-932) has no client-side assignors'
      : null);
const GROUP_TYPES: Option[] = [
  { value: 'classic', label: 'classic (JoinGroup/SyncGroup)' },
  { value: 'consumer', label: 'consumer (KIP-848)' },
  { value: 'share', label: 'share (KIP-932)' },
];
const needRunningConsumer = (ctx: ControlContext) => needGroup(ctx) ?? (groupOf(ctx)?.members.some((m) => m.status !== 'crashed') ? null : 'the group has no running consumer');
const needProducer = (ctx: ControlContext) => (producer(ctx) ? null : 'this scenario has no producer');

function keysWith(ctx: ControlContext, patch: Partial<KeyConfig>): KeyConfig {
  const k = producer(ctx)?.keys;
  return { mode: k?.mode ?? 'user', users: k?.users, distribution: k?.distribution, zipfExponent: k?.zipfExponent, hotShare: k?.hotShare, saltBuckets: k?.saltBuckets, ...patch };
}

export const SPEED_OPTIONS = [0.25, 0.5, 1, 2, 5, 10, 20, 50];

function nextSpeed(current: number, dir: 1 | -1): number {
  if (dir > 0) return SPEED_OPTIONS.find((s) => s > current + 1e-9) ?? 50;
  return [...SPEED_OPTIONS].reverse().find((s) => s < current - 1e-9) ?? 0.25;
}

/** The broker the "stop a broker" shortcut takes down: the leader of partition 0 if it is up, else the first broker up. */
export function brokerToStop(view: SimView): number | null {
  const lead = view.topics[0]?.partitions[0]?.leader ?? -1;
  if (lead >= 0 && view.brokers.find((b) => b.id === lead)?.up) return lead;
  return view.brokers.find((b) => b.up)?.id ?? null;
}

const fmtSeconds = (ms: number) => `${(ms / 1000).toFixed(1)} seconds`;

/**
 * partition.assignment.strategy lists a learner can pick. The rebalance protocol follows from the
 * list (KIP-429): cooperative only when every assignor in it supports cooperative, i.e.
 * [cooperative-sticky]; any list with range, roundrobin or sticky runs eager.
 */
export const STRATEGIES: AssignorName[][] = [
  ['range', 'cooperative-sticky'],
  ['range'],
  ['roundrobin'],
  ['sticky'],
  ['cooperative-sticky', 'range'],
  ['cooperative-sticky'],
];

const listValue = (l: readonly AssignorName[]) => l.join(',');
const COOPERATIVE_CAPABLE: AssignorName[] = ['cooperative-sticky'];

/** "[range, cooperative-sticky]: range, eager (Kafka's default)" */
export function strategyLabel(l: readonly AssignorName[]): string {
  const eager = !l.every((a) => COOPERATIVE_CAPABLE.includes(a));
  const def = listValue(l) === listValue(DEFAULTS.assignors) ? " (Kafka's default)" : '';
  return `[${l.join(', ')}]: ${l[0]}, ${eager ? 'eager (every consumer stops)' : 'cooperative (only moved partitions stop)'}${def}`;
}

function strategyOptions(current: readonly AssignorName[] | undefined): Option[] {
  const lists = current && !STRATEGIES.some((l) => listValue(l) === listValue(current)) ? [...STRATEGIES, [...current]] : STRATEGIES;
  return lists.map((l) => ({ value: listValue(l), label: strategyLabel(l) }));
}

const parseList = (v: string) => v.split(',') as AssignorName[];
const groupAssignors = (ctx: ControlContext): AssignorName[] => {
  const s = groupSettings(ctx);
  if (s?.assignors) return s.assignors;
  const g = groupOf(ctx);
  return g?.assignors ?? (g ? [g.assignor] : [...DEFAULTS.assignors]);
};

// ---------------------------------------------------------------------------------------------

export const controls: Control[] = [
  // Playback
  {
    id: 'run.play',
    label: 'Play or pause',
    section: 'run',
    kind: 'button',
    embedded: true,
    text: (ctx) => (ctx.playing ? 'Pause' : 'Play'),
    pressed: (ctx) => ctx.playing,
    shortcut: { keys: [' '], label: 'Play or pause' },
    effect: (_v, ctx) => ({ kind: 'runner', command: { type: 'play', playing: !ctx.playing } }),
  },
  {
    id: 'run.step',
    short: 'Step ▶',
    label: 'Step one tick (50 ms)',
    section: 'run',
    kind: 'button',
    embedded: true,
    shortcut: { keys: ['ArrowRight'], label: 'Step one tick (50 ms)' },
    effect: () => ({ kind: 'runner', command: { type: 'step' } }),
  },
  {
    id: 'run.step-back',
    short: '◀ Step',
    label: 'Step back one tick (50 ms)',
    section: 'run',
    kind: 'button',
    embedded: true,
    disabled: (ctx) => (ctx.view.timeMs <= 0 ? 'this is the start of the run' : null),
    shortcut: { keys: ['ArrowLeft'], label: 'Step back one tick (50 ms)' },
    effect: () => ({ kind: 'runner', command: { type: 'step-back' } }),
  },
  {
    id: 'run.moment-prev',
    short: '◀◀',
    label: 'Previous scripted moment',
    section: 'run',
    kind: 'button',
    embedded: true,
    disabled: (ctx) => (momentFrom(ctx, -1) === null ? 'this is the first scripted moment' : null),
    shortcut: { keys: ['PageUp'], label: "Go to the scenario's previous scripted moment (a clicker's back button)" },
    effect: (_v, ctx) => {
      const ms = momentFrom(ctx, -1);
      return ms === null ? null : { kind: 'runner', command: { type: 'seek', ms } };
    },
  },
  {
    id: 'run.moment-next',
    short: '▶▶',
    label: 'Next scripted moment',
    section: 'run',
    kind: 'button',
    embedded: true,
    disabled: (ctx) => (momentFrom(ctx, 1) === null ? 'there is no later scripted moment' : null),
    shortcut: { keys: ['PageDown'], label: "Go to the scenario's next scripted moment (a clicker's forward button)" },
    effect: (_v, ctx) => {
      const ms = momentFrom(ctx, 1);
      return ms === null ? null : { kind: 'runner', command: { type: 'seek', ms } };
    },
  },
  {
    id: 'run.speed',
    label: 'Speed',
    section: 'run',
    kind: 'select',
    embedded: true,
    options: () => SPEED_OPTIONS.map((s) => ({ value: String(s), label: `${s}x` })),
    value: (ctx) => String(ctx.speed),
    shortcut: {
      keys: ['+', '=', '-'],
      label: 'Faster (+) or slower (−)',
      value: (key, ctx) => String(nextSpeed(ctx.speed, key === '-' ? -1 : 1)),
    },
    effect: (v) => ({ kind: 'runner', command: { type: 'speed', speed: Number(v) } }),
  },
  {
    id: 'run.fast-forward',
    short: '+10 s',
    label: 'Fast-forward 10 seconds',
    section: 'run',
    kind: 'button',
    embedded: false,
    shortcut: { keys: ['f'], label: 'Fast-forward 10 simulated seconds' },
    effect: () => ({ kind: 'runner', command: { type: 'fast-forward', ms: 10_000 } }),
  },
  {
    id: 'run.restart',
    short: 'Restart',
    label: 'Restart (same seed)',
    section: 'run',
    kind: 'button',
    embedded: true,
    shortcut: { keys: ['r'], label: 'Restart with the same seed' },
    effect: () => ({ kind: 'runner', command: { type: 'restart' } }),
  },
  {
    id: 'run.new-seed',
    short: 'New seed',
    label: 'Restart with a new seed',
    section: 'run',
    kind: 'button',
    embedded: false,
    shortcut: { keys: ['n'], label: 'Restart with a new seed' },
    effect: () => ({ kind: 'runner', command: { type: 'new-seed' } }),
  },
  {
    id: 'run.seek',
    label: 'Time',
    section: 'run',
    kind: 'range',
    embedded: true,
    help: 'Drag back to see an earlier moment; play continues from there.',
    min: () => 0,
    max: (ctx) => Math.max(ctx.maxReachedMs, ctx.view.timeMs),
    step: 50,
    integer: true,
    unit: 'ms',
    value: (ctx) => ctx.view.timeMs,
    valueText: (v, ctx) => `${fmtSeconds(v)} of ${fmtSeconds(Math.max(ctx.maxReachedMs, ctx.view.timeMs))}`,
    effect: (v) => ({ kind: 'runner', command: { type: 'seek', ms: v } }),
  },
  // Scenario
  {
    id: 'scenario.pick',
    label: 'Scenario',
    section: 'scenario',
    kind: 'select',
    embedded: false,
    options: (ctx) => ctx.scenarios.map((s, i) => ({ value: s.id, label: i < 9 ? `${i + 1}. ${s.title}` : s.title })),
    value: (ctx) => ctx.scenarioId,
    shortcut: {
      keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
      label: 'Pick scenario 1 to 9',
      value: (key, ctx) => ctx.scenarios[Number(key) - 1]?.id ?? null,
    },
    effect: (v) => ({ kind: 'runner', command: { type: 'scenario', id: v } }),
  },
  // Topic
  {
    id: 'topic.partitions',
    label: 'Partitions',
    section: 'topic',
    kind: 'number',
    embedded: false,
    help: 'Kafka can only add partitions, never remove them. Adding them moves keys to other partitions.',
    min: (ctx) => ctx.view.topics[0]?.partitions.length ?? 1,
    max: () => 256,
    step: 1,
    integer: true,
    value: (ctx) => ctx.view.topics[0]?.partitions.length ?? 1,
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'topic/set-partitions', topic: topicName(ctx), partitions: v } }),
  },
  {
    id: 'topic.replication',
    label: 'Replication factor',
    section: 'topic',
    kind: 'number',
    embedded: false,
    help: 'Copies of each partition. Changing it restarts the run.',
    min: () => 1,
    max: (ctx) => ctx.view.brokers.length,
    step: 1,
    integer: true,
    value: (ctx) => ctx.view.settings?.topics[topicName(ctx)]?.replicationFactor ?? ctx.view.topics[0]?.partitions[0]?.replicas.length ?? 1,
    effect: (v, ctx) => {
      const config: SimConfig = structuredClone(ctx.config);
      const t = config.topics[0];
      if (!t) return null;
      t.replicationFactor = v;
      if (t.minInsyncReplicas !== undefined && t.minInsyncReplicas > v) t.minInsyncReplicas = v;
      if (config.minInsyncReplicas !== undefined && config.minInsyncReplicas > v) config.minInsyncReplicas = v;
      return { kind: 'runner', command: { type: 'reconfigure', config } };
    },
  },
  // Producer
  {
    id: 'producer.rate',
    label: 'Records per second',
    section: 'producer',
    kind: 'number',
    embedded: true,
    disabled: needProducer,
    min: () => 0,
    max: () => 100_000,
    step: 10,
    integer: false,
    unit: 'records/s',
    value: (ctx) => producer(ctx)?.ratePerSec ?? 0,
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'producer/set-rate', producer: producer(ctx)?.id ?? '', ratePerSec: v } }),
  },
  {
    id: 'producer.key-mode',
    label: 'Record key',
    section: 'producer',
    kind: 'select',
    embedded: true,
    disabled: needProducer,
    options: () => [
      { value: 'user', label: 'user id (order per user kept)' },
      { value: 'random', label: 'random (order per user lost)' },
      { value: 'none', label: 'no key (sticky partitioner)' },
      { value: 'salted', label: 'user id, hot user salted' },
    ],
    value: (ctx) => producer(ctx)?.keys.mode ?? 'user',
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'producer/set-keys', producer: producer(ctx)?.id ?? '', keys: keysWith(ctx, { mode: v as KeyConfig['mode'] }) } }),
  },
  {
    id: 'producer.acks',
    label: 'acks',
    section: 'producer',
    kind: 'select',
    embedded: false,
    disabled: needProducer,
    help: 'all: a write is acknowledged once every in-sync replica has it; 1: once the leader has it. Changing it restarts the run.',
    options: () => [
      { value: 'all', label: 'all (every in-sync replica)' },
      { value: '1', label: '1 (the leader only)' },
      { value: '0', label: '0 (no acknowledgement)' },
    ],
    value: (ctx) => producer(ctx)?.acks ?? DEFAULTS.acks,
    effect: (v, ctx) => {
      const config: SimConfig = structuredClone(ctx.config);
      const p = config.producers?.[0];
      if (!p) return null;
      p.acks = v as 'all' | '1' | '0';
      return { kind: 'runner', command: { type: 'reconfigure', config } };
    },
  },
  {
    id: 'producer.delivery-timeout',
    label: 'delivery.timeout.ms',
    section: 'producer',
    kind: 'number',
    embedded: false,
    disabled: needProducer,
    help: 'How long a record may wait, retried, before its send fails. Changing it restarts the run.',
    min: () => 1_000,
    max: () => 86_400_000,
    step: 1000,
    integer: true,
    unit: 'ms',
    value: (ctx) => producer(ctx)?.deliveryTimeoutMs ?? DEFAULTS.deliveryTimeoutMs,
    effect: (v, ctx) => {
      const config: SimConfig = structuredClone(ctx.config);
      const p = config.producers?.[0];
      if (!p) return null;
      p.deliveryTimeoutMs = v;
      return { kind: 'runner', command: { type: 'reconfigure', config } };
    },
  },
  {
    id: 'producer.skew',
    label: 'Traffic per user',
    section: 'producer',
    kind: 'select',
    embedded: false,
    disabled: needProducer,
    options: () => [
      { value: 'uniform', label: 'even' },
      { value: 'zipf', label: 'skewed (Zipf)' },
      { value: 'hot', label: 'one hot tenant' },
    ],
    value: (ctx) => producer(ctx)?.keys.distribution ?? 'uniform',
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'producer/set-keys', producer: producer(ctx)?.id ?? '', keys: keysWith(ctx, { distribution: v as KeyConfig['distribution'] }) } }),
  },
  {
    id: 'producer.hot-share',
    label: 'Hot tenant share',
    section: 'producer',
    kind: 'number',
    embedded: false,
    disabled: needProducer,
    help: 'Share of all traffic from the hot tenant (used when traffic is "one hot tenant").',
    min: () => 0,
    max: () => 100,
    step: 5,
    integer: false,
    unit: '%',
    value: (ctx) => Math.round((producer(ctx)?.keys.hotShare ?? DEFAULTS.hotShare) * 100),
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'producer/set-keys', producer: producer(ctx)?.id ?? '', keys: keysWith(ctx, { hotShare: v / 100 }) } }),
  },
  {
    id: 'producer.salt-buckets',
    label: 'Salt buckets for the hot key',
    section: 'producer',
    kind: 'number',
    embedded: false,
    disabled: needProducer,
    help: 'With "hot user salted" keys, the hot user is split over this many sub-keys.',
    min: () => 2,
    max: () => 256,
    step: 1,
    integer: true,
    value: (ctx) => producer(ctx)?.keys.saltBuckets ?? DEFAULTS.saltBuckets,
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'producer/set-keys', producer: producer(ctx)?.id ?? '', keys: keysWith(ctx, { saltBuckets: v }) } }),
  },
  // Groups
  {
    id: 'group.select',
    label: 'Group to change',
    section: 'group',
    kind: 'select',
    embedded: true,
    options: (ctx) => ctx.view.groups.map((g) => ({ value: g.id, label: g.id })),
    value: (ctx) => ctx.group ?? '',
    effect: (v) => ({ kind: 'runner', command: { type: 'select-group', group: v } }),
  },
  {
    id: 'group.type',
    label: 'Group type (restarts the run)',
    section: 'group',
    kind: 'select',
    embedded: true,
    disabled: (ctx) =>
      needGroup(ctx) ??
      (groupOf(ctx)?.driver === 'client'
        ? "the lab's clients use the classic protocol"
        : ctx.config.groups?.some((g) => g.id === ctx.group)
          ? null
          : 'only the groups the run starts with can change type'),
    help: "classic: JoinGroup/SyncGroup rebalances with client-side assignors. consumer (KIP-848, group.protocol=consumer): the broker assigns partitions and members reconcile one heartbeat at a time. share (KIP-932): members share partitions and acknowledge each record; it starts where the group's auto.offset.reset says (as share.auto.offset.reset).",
    options: () => GROUP_TYPES,
    value: (ctx) => groupOf(ctx)?.type ?? 'classic',
    effect: (v, ctx) => {
      const config: SimConfig = structuredClone(ctx.config);
      const g = config.groups?.find((x) => x.id === ctx.group);
      if (!g || !GROUP_TYPES.some((o) => o.value === v)) return null;
      if (v === 'classic') delete g.type;
      else g.type = v as GroupType;
      delete g.consumerGroup;
      delete g.shareGroup;
      if (v === 'share') g.shareGroup = { autoOffsetReset: g.autoOffsetReset ?? DEFAULTS.autoOffsetReset };
      return { kind: 'runner', command: { type: 'reconfigure', config } };
    },
  },
  {
    id: 'group.add-consumer',
    label: 'Add a consumer',
    section: 'group',
    kind: 'button',
    embedded: true,
    disabled: needGroup,
    shortcut: { keys: ['a'], label: 'Add a consumer to the selected group' },
    effect: (_v, ctx) => ({ kind: 'action', action: { type: 'consumer/add', group: ctx.group ?? '' } }),
  },
  {
    id: 'group.remove-consumer',
    label: 'Stop a consumer (leaves the group)',
    section: 'group',
    kind: 'button',
    embedded: true,
    disabled: needRunningConsumer,
    shortcut: { keys: ['d'], label: 'Stop a consumer in the selected group' },
    effect: (_v, ctx) => ({ kind: 'action', action: { type: 'consumer/remove', group: ctx.group ?? '' } }),
  },
  {
    id: 'group.assignor',
    label: 'partition.assignment.strategy (restarts every consumer)',
    section: 'group',
    kind: 'select',
    embedded: true,
    disabled: classicOnly,
    help: 'The ordered list of assignors each consumer offers. The rebalance protocol follows from it (KIP-429): only [cooperative-sticky] is cooperative; a list with range, roundrobin or sticky in it runs eager. Changing it here restarts every consumer at once.',
    options: (ctx) => strategyOptions(groupAssignors(ctx)),
    value: (ctx) => listValue(groupAssignors(ctx)),
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'group/set-assignor', group: ctx.group ?? '', assignors: parseList(v) } }),
  },
  {
    id: 'group.rolling-bounce',
    label: 'Rolling bounce to',
    section: 'group',
    kind: 'select',
    embedded: false,
    disabled: (ctx) =>
      classicOnly(ctx) ?? (groupOf(ctx)?.driver === 'client' ? "the lab's consumers restart themselves" : groupOf(ctx)?.bounce ? 'a rolling bounce is already running' : null),
    help: 'Restarts the consumers one at a time with this list, each after the previous rebalance. From [range], go through a list with both assignors first: a consumer whose list shares no assignor with the others is refused (INCONSISTENT_GROUP_PROTOCOL).',
    options: () => STRATEGIES.map((l) => ({ value: listValue(l), label: strategyLabel(l) })),
    value: (ctx) => listValue(groupOf(ctx)?.bounce?.assignors ?? groupAssignors(ctx)),
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'group/rolling-bounce', group: ctx.group ?? '', assignors: parseList(v) } }),
  },
  {
    id: 'group.session-timeout',
    label: 'session.timeout.ms',
    section: 'group',
    kind: 'number',
    embedded: true,
    disabled: (ctx) =>
      needGroup(ctx) ??
      (groupOf(ctx)?.type === 'consumer'
        ? 'a consumer group takes its session timeout from the broker (group.consumer.session.timeout.ms)'
        : groupOf(ctx)?.type === 'share'
          ? 'a share group takes its session timeout from the broker (group.share.session.timeout.ms)'
          : null),
    help: 'How long the coordinator waits for a heartbeat before removing a consumer. In consumer and share groups it is a broker setting (group.consumer.session.timeout.ms, group.share.session.timeout.ms; 45 s).',
    min: (ctx) => (groupSettings(ctx)?.timeouts.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs) + 1,
    max: () => 3_600_000,
    step: 1000,
    integer: true,
    unit: 'ms',
    value: (ctx) => groupSettings(ctx)?.timeouts.sessionTimeoutMs ?? DEFAULTS.sessionTimeoutMs,
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'group/set-timeouts', group: ctx.group ?? '', timeouts: { sessionTimeoutMs: v } } }),
  },
  {
    id: 'group.max-poll-interval',
    label: 'max.poll.interval.ms',
    section: 'group',
    kind: 'number',
    embedded: true,
    disabled: needGroup,
    help: 'A consumer that does not poll again within this time is removed from the group.',
    min: () => 1,
    max: () => 86_400_000,
    step: 1000,
    integer: true,
    unit: 'ms',
    value: (ctx) => groupSettings(ctx)?.timeouts.maxPollIntervalMs ?? DEFAULTS.maxPollIntervalMs,
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'group/set-timeouts', group: ctx.group ?? '', timeouts: { maxPollIntervalMs: v } } }),
  },
  {
    id: 'group.max-poll-records',
    label: 'max.poll.records',
    section: 'group',
    kind: 'number',
    embedded: false,
    disabled: needGroup,
    help: 'The most records one poll returns: a bigger batch takes longer to process before the next poll.',
    min: () => 1,
    max: () => 100_000,
    step: 50,
    integer: true,
    value: (ctx) => groupSettings(ctx)?.timeouts.maxPollRecords ?? DEFAULTS.maxPollRecords,
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'group/set-timeouts', group: ctx.group ?? '', timeouts: { maxPollRecords: v } } }),
  },
  {
    id: 'group.processing-ms',
    label: 'Processing time per record',
    section: 'group',
    kind: 'number',
    embedded: true,
    disabled: needGroup,
    min: () => 0,
    max: () => 600_000,
    step: 1,
    integer: false,
    unit: 'ms',
    value: (ctx) => groupSettings(ctx)?.processing.meanMs ?? DEFAULTS.processingMeanMs,
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'group/set-processing', group: ctx.group ?? '', processing: { meanMs: v } } }),
  },
  {
    id: 'group.add',
    label: 'Add a consumer group',
    section: 'group',
    kind: 'button',
    embedded: false,
    disabled: (ctx) => (ctx.view.groups.length >= 5 ? 'at most 5 groups are shown' : ctx.view.topics[0] ? null : 'there is no topic'),
    effect: (_v, ctx) => {
      let n = ctx.view.groups.length + 1;
      while (ctx.view.groups.some((g) => g.id === `group-${n}`)) n++;
      return { kind: 'action', action: { type: 'group/add', group: { id: `group-${n}`, topic: topicName(ctx), consumers: 2 } } };
    },
  },
  {
    id: 'group.remove',
    label: 'Remove the selected group',
    section: 'group',
    kind: 'button',
    embedded: false,
    disabled: needGroup,
    effect: (_v, ctx) => ({ kind: 'action', action: { type: 'group/remove', group: ctx.group ?? '' } }),
  },
  // Faults
  {
    id: 'fault.stop-broker',
    label: 'Stop a broker',
    section: 'fault',
    kind: 'buttons',
    embedded: true,
    help: 'The broker stops without a controlled shutdown. The controller fences it after broker.session.timeout.ms (9 s); until then the partitions it leads take no writes or reads, and acks=all writes to partitions it follows wait. Then its partitions get new leaders from their in-sync replicas. Key B stops the leader of partition 0.',
    disabled: (ctx) => (brokerToStop(ctx.view) === null ? 'every broker is already stopped' : null),
    items: (ctx) =>
      ctx.view.brokers.map((b) => ({ value: String(b.id), text: `Stop broker ${b.id}`, state: b.up ? 'up' : 'stopped', disabled: b.up ? null : `broker ${b.id} is already stopped` })),
    shortcut: { keys: ['b'], label: 'Stop a broker (the leader of partition 0)', value: (_k, ctx) => String(brokerToStop(ctx.view) ?? '') },
    effect: (v) => ({ kind: 'action', action: { type: 'broker/stop', broker: Number(v) } }),
  },
  {
    id: 'fault.start-broker',
    label: 'Restart a stopped broker',
    section: 'fault',
    kind: 'buttons',
    embedded: true,
    help: 'It catches up before it rejoins the in-sync replicas. Key U restarts the stopped broker with the lowest id.',
    disabled: (ctx) => (ctx.view.brokers.some((b) => !b.up) ? null : 'no broker is stopped'),
    items: (ctx) => ctx.view.brokers.filter((b) => !b.up).map((b) => ({ value: String(b.id), text: `Start broker ${b.id}`, state: 'stopped', disabled: null })),
    shortcut: { keys: ['u'], label: 'Restart a stopped broker (the one with the lowest id)', value: (_k, ctx) => String(ctx.view.brokers.find((b) => !b.up)?.id ?? '') },
    effect: (v) => ({ kind: 'action', action: { type: 'broker/start', broker: Number(v) } }),
  },
  {
    id: 'fault.slow-downstream',
    label: 'Slow downstream (20x slower)',
    section: 'fault',
    kind: 'toggle',
    embedded: true,
    disabled: needGroup,
    help: "Makes the selected group's database calls 20 times slower.",
    value: (ctx) => (groupSettings(ctx)?.downstream.slowdown ?? 1) > 1,
    shortcut: { keys: ['s'], label: 'Slow downstream on or off', value: (_k, ctx) => !((groupSettings(ctx)?.downstream.slowdown ?? 1) > 1) },
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'downstream/set', group: ctx.group ?? '', downstream: { slowdown: v ? 20 : 1 } } }),
  },
  {
    id: 'fault.poison',
    label: 'Poison record to partition',
    section: 'fault',
    kind: 'number',
    embedded: true,
    help: 'The next record written to this partition makes its consumer hang. Key X sends one to partition 0.',
    disabled: (ctx) => (ctx.view.topics[0] ? null : 'there is no topic'),
    min: () => 0,
    max: (ctx) => Math.max(0, (ctx.view.topics[0]?.partitions.length ?? 1) - 1),
    step: 1,
    integer: true,
    value: () => 0,
    submit: { text: 'Send', label: 'Send a poison record' },
    rangeMessage: (lo, hi) => (hi === lo ? `the topic has one partition, number ${lo}.` : `the topic has ${hi - lo + 1} partitions, numbered ${lo} to ${hi}.`),
    shortcut: { keys: ['x'], label: 'Send a poison record to partition 0', value: () => 0 },
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'record/poison', topic: topicName(ctx), partition: v } }),
  },
  {
    id: 'fault.crash-consumer',
    label: 'Crash a consumer',
    section: 'fault',
    kind: 'button',
    embedded: true,
    help: 'The process dies without leaving the group: the coordinator notices only after session.timeout.ms.',
    disabled: needRunningConsumer,
    shortcut: { keys: ['c'], label: 'Crash a consumer in the selected group' },
    effect: (_v, ctx) => ({ kind: 'action', action: { type: 'consumer/crash', group: ctx.group ?? '' } }),
  },
  {
    id: 'fault.dlq',
    label: 'Dead-letter records that time out',
    section: 'fault',
    kind: 'toggle',
    embedded: true,
    disabled: needGroup,
    help: 'A record that takes longer than 10 s to process goes to the dead-letter topic instead of blocking the partition.',
    value: (ctx) => groupSettings(ctx)?.dlq.enabled ?? false,
    effect: (v, ctx) => ({ kind: 'action', action: { type: 'group/set-dlq', group: ctx.group ?? '', dlq: { enabled: v } } }),
  },
];

export const controlById: Record<string, Control> = Object.fromEntries(controls.map((c) => [c.id, c]));

export function controlsFor(embedded: boolean): Control[] {
  return embedded ? controls.filter((c) => c.embedded) : controls;
}

/** The shortcut list for the `?` dialog. */
export function shortcutList(list: Control[]): { keys: string[]; label: string }[] {
  return list.filter((c) => c.shortcut).map((c) => ({ keys: c.shortcut!.keys, label: c.shortcut!.label }));
}

/** The control (from `list`) a key press triggers, with the raw value to apply, or null. */
export function controlForKey(list: Control[], key: string, ctx: ControlContext): { control: Control; raw: string | boolean | null } | null {
  for (const c of list) {
    if (!c.shortcut || !c.shortcut.keys.includes(key)) continue;
    if (c.shortcut.value) {
      const raw = (c.shortcut.value as (k: string, ctx: ControlContext) => string | boolean | number | null)(key, ctx);
      if (raw === null) return null;
      return { control: c, raw: typeof raw === 'number' ? String(raw) : raw };
    }
    return { control: c, raw: null };
  }
  return null;
}
