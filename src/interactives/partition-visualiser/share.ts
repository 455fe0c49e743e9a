import { z } from 'zod';
import { simConfigSchema, type Scenario, type SimAction } from '../../sim';
import { decodeShare, type ShareDecode } from '../../share/link';
import { SimRunner, type TimelineEntry } from '../../viz/runner';
import { checkLinkLimits } from './limits';

/**
 * What a share link carries: the scenario id, the config and seed, every action applied (the
 * scenario's script and the learner's), and the moment shown. Data only, validated strictly; the
 * simulator validates each action again when it is replayed.
 */

export const MAX_SHARE_TIME_MS = 30 * 60_000;
export const MAX_SHARE_ACTIONS = 500;

const ACTION_TYPES = [
  'consumer/add',
  'consumer/remove',
  'consumer/crash',
  'group/add',
  'group/remove',
  'group/set-assignor',
  'group/rolling-bounce',
  // refused on replay with the simulator's explanation (the protocol follows the assignors, KIP-429); kept so old links say why
  'group/set-protocol',
  'group/set-timeouts',
  'group/set-processing',
  'group/reset-offsets',
  'group/set-dlq',
  'producer/set-rate',
  'producer/set-keys',
  'topic/set-partitions',
  'broker/stop',
  'broker/start',
  'downstream/set',
  'record/poison',
] as const satisfies readonly SimAction['type'][];

const plain = z.union([z.string().max(200), z.number().refine(Number.isFinite, 'must be a finite number'), z.boolean(), z.null()]);
// a short list of plain values (an assignor list)
const plainList = z.array(plain).max(8);
// An action is a flat object of plain values, or (for group/add and producer/set-keys) one level of nesting more.
const nested = z.record(z.string().max(40), z.union([plain, plainList, z.record(z.string().max(40), z.union([plain, z.record(z.string().max(40), plain)]))]));
const actionSchema = z
  .object({ type: z.enum(ACTION_TYPES) })
  .catchall(z.union([plain, plainList, nested]))
  .refine((a) => !Object.keys(a).some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype'), 'unexpected field');

export const shareSchema = z.strictObject({
  scenario: z.string().regex(/^[a-z0-9-]{1,64}$/, 'bad scenario id'),
  seed: z.number().int().min(0).max(0xffffffff),
  config: simConfigSchema,
  timeline: z
    .array(
      z.strictObject({
        atMs: z.number().int().min(0).max(MAX_SHARE_TIME_MS),
        action: actionSchema,
        user: z.boolean(),
      }),
    )
    .max(MAX_SHARE_ACTIONS),
  timeMs: z.number().int().min(0).max(MAX_SHARE_TIME_MS),
  speed: z.number().min(0.25).max(50),
  group: z.string().max(64).nullable(),
});

export type SharePayload = z.infer<typeof shareSchema>;

export function sharePayload(runner: SimRunner, scenarioId: string, group: string | null): SharePayload {
  return {
    scenario: scenarioId,
    seed: runner.setup.seed,
    config: runner.setup.config as SharePayload['config'],
    timeline: runner.timeline.filter((e) => e.atMs <= runner.timeMs).map((e) => ({ atMs: e.atMs, action: e.action as SharePayload['timeline'][number]['action'], user: e.user })),
    timeMs: runner.timeMs,
    speed: runner.speed,
    group,
  };
}

export type OpenedShare = { ok: true; runner: SimRunner; payload: SharePayload } | { ok: false; message: string };
export type PreparedShare = { ok: true; runner: SimRunner; payload: SharePayload; targetMs: number } | { ok: false; message: string };

const couldNotOpen = (why: string) => `This share link could not be opened (${why}). Showing the default set-up instead.`;

/**
 * Decode a share link, check it against the link limits (limits.ts), and set up a runner at time
 * 0 with the link's timeline; `targetMs` is the moment to seek to. Never throws: a malformed,
 * tampered, too heavy or unplayable link gives a message instead. The scenario named in the
 * link supplies its remaining script (actions after the shared moment), which continues when
 * the learner presses play.
 */
export function prepareShare(encoded: string, lookup: (id: string) => Scenario | undefined): PreparedShare {
  const decoded: ShareDecode<SharePayload> = decodeShare('partition-visualiser', encoded, shareSchema);
  if (!decoded.ok) return decoded;
  const p = decoded.value;
  try {
    const future = (lookup(p.scenario)?.actions ?? []).filter((a) => a.atMs > p.timeMs).map((a): TimelineEntry => ({ ...a, user: false }));
    const timeline: TimelineEntry[] = [...(p.timeline as TimelineEntry[]), ...future];
    const { problem } = checkLinkLimits(p.config, p.timeline as TimelineEntry[], p.timeMs);
    if (problem) return { ok: false, message: `This share link asks for more than Streamlab simulates in a browser: ${problem}. Showing the default set-up instead.` };
    const runner = new SimRunner({ config: p.config, seed: p.seed, timeline });
    runner.setSpeed(p.speed);
    return { ok: true, runner, payload: p, targetMs: p.timeMs };
  } catch (err) {
    return { ok: false, message: couldNotOpen(err instanceof Error ? (err.message.split('\n')[0] ?? '') : 'it could not be replayed') };
  }
}

/** The result of a runner that reached the shared moment (or the reason it could not be replayed). */
export function finishShare(prepared: Extract<PreparedShare, { ok: true }>): OpenedShare {
  const { runner, payload } = prepared;
  if (runner.refused.length) return { ok: false, message: couldNotOpen(runner.refused[0]!.split('\n')[0]!) };
  return { ok: true, runner, payload };
}

/**
 * Decode a share link and rebuild the moment it shows, all at once (the page uses
 * SharedMoment.tsx, which seeks in slices with a progress bar and a cancel button). Never throws.
 */
export function openShare(encoded: string, lookup: (id: string) => Scenario | undefined): OpenedShare {
  const prepared = prepareShare(encoded, lookup);
  if (!prepared.ok) return prepared;
  try {
    prepared.runner.seek(prepared.targetMs);
  } catch (err) {
    return { ok: false, message: couldNotOpen(err instanceof Error ? (err.message.split('\n')[0] ?? '') : 'it could not be replayed') };
  }
  return finishShare(prepared);
}
