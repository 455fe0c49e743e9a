// Simulator benchmark: prints figures for the classroom scenario (1,000 records/s, 12 partitions,
// 3 groups of 4), the large one (2,000 records/s, 32 partitions, 3 groups of 12), and the classroom
// hour with its groups as KIP-848 consumer groups (with membership churn) and as KIP-932 share groups.
// Machines are noisy, so nothing here asserts a timing; the only checks are that the run did work.
import { expect, it } from 'vitest';
import classroom from '../content/scenarios/classroom.json';
import large from '../content/scenarios/large.json';
import { createSimulation, parseScenario, runUntil, stepSimulation, TICK_MS, type SimConfig } from '../src/sim/index.ts';

const HOUR = 3_600_000;

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function delivered(state: ReturnType<typeof createSimulation>): number {
  return state.groups.reduce((s, g) => s + g.stats.processed, 0);
}

function produced(state: ReturnType<typeof createSimulation>): number {
  return state.topics.reduce((s, t) => s + t.produced, 0);
}

it('classroom: fast-forward one simulated hour', () => {
  const scenario = parseScenario(classroom);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const state = createSimulation(scenario.config as SimConfig, scenario.seed);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  runUntil(state, [], HOUR, { recordEvents: false });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const records = produced(state) + delivered(state);
  const lines = [
    '',
    '== Streamlab simulator benchmark: classroom (1,000 records/s, 12 partitions, 3 groups of 4) ==',
    `wall time to fast-forward 1 simulated hour : ${(wallMs / 1000).toFixed(2)} s   (target < 0.5 s, issue #11)`,
    `CPU time of this process meanwhile         : ${(cpuMs / 1000).toFixed(2)} s   (wall time well above CPU time means a busy machine)`,
    `simulated seconds per wall second          : ${(3600 / (wallMs / 1000)).toFixed(0)}`,
    `records produced + delivered               : ${records.toLocaleString('en-US')} (${produced(state).toLocaleString('en-US')} produced, ${delivered(state).toLocaleString('en-US')} delivered)`,
    `records produced + delivered per wall second: ${Math.round(records / (wallMs / 1000)).toLocaleString('en-US')}`,
    `heap used after the hour (after GC)        : ${mb(heapAfter)}   (target < 30 MB; ${mb(heapBefore)} before creating the simulation)`,
    `serialised state size                      : ${mb(JSON.stringify(state).length)}`,
    (globalThis as { gc?: unknown }).gc ? '' : '(note: --expose-gc unavailable; heap figure is without a forced collection)',
  ];
  console.log(lines.join('\n'));
  expect(produced(state)).toBeGreaterThan(3_000_000);
});

it('large: per-step cost with per-record events (what the visualiser pays per frame)', () => {
  const scenario = parseScenario(large);
  const state = createSimulation(scenario.config as SimConfig, scenario.seed);
  runUntil(state, [], 10_000, { recordEvents: false });
  const steps = 1200; // one simulated minute
  let events = 0;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) events += stepSimulation(state).events.length;
  const wallMs = performance.now() - t0;
  console.log(
    [
      '',
      '== large (2,000 records/s, 32 partitions, 3 groups of 12), stepping with events ==',
      `mean wall time per ${TICK_MS} ms step        : ${(wallMs / steps).toFixed(3)} ms`,
      `mean events per step                       : ${(events / steps).toFixed(1)}`,
      `simulated seconds per wall second          : ${((steps * TICK_MS) / wallMs).toFixed(0)}`,
    ].join('\n'),
  );
  expect(events).toBeGreaterThan(0);
});

// The same classroom hour with every group of one type; `churn` adds and removes a member of each
// group every 30 s, so that the consumer protocol's epochs and reconciliation are exercised.
function typedHour(type: 'consumer' | 'share', churn: boolean) {
  const scenario = parseScenario(classroom);
  const config = { ...(scenario.config as SimConfig) };
  config.groups = (config.groups ?? []).map((g) => ({ ...g, type, ...(type === 'share' ? { shareGroup: { autoOffsetReset: 'earliest' as const } } : {}) }));
  const actions = churn
    ? config.groups.flatMap((g) =>
        Array.from({ length: 120 }, (_, i) => ({ atMs: 15_000 + i * 30_000, action: { type: i % 2 ? ('consumer/remove' as const) : ('consumer/add' as const), group: g.id } })),
      )
    : [];
  actions.sort((a, b) => a.atMs - b.atMs);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const state = createSimulation(config, scenario.seed);
  const t0 = performance.now();
  runUntil(state, actions, HOUR, { recordEvents: false });
  const wallMs = performance.now() - t0;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  return { state, wallMs, heapBefore, heapAfter };
}

it('consumer protocol (KIP-848): the classroom hour as consumer groups, one member added or removed per group every 30 s', () => {
  const { state, wallMs, heapBefore, heapAfter } = typedHour('consumer', true);
  const epochs = state.groups.map((g) => `${g.id} ${g.kip848?.groupEpoch ?? '?'}`).join(', ');
  console.log(
    [
      '',
      '== consumer protocol (KIP-848): classroom hour, 3 consumer groups, 120 membership changes each ==',
      `wall time for 1 simulated hour             : ${(wallMs / 1000).toFixed(2)} s`,
      `group epochs at the end                    : ${epochs}`,
      `paused partition-seconds per group         : ${state.groups.map((g) => `${g.id} ${(g.stats.pausedMs / 1000).toFixed(0)}`).join(', ')}`,
      `heap used after the hour (after GC)        : ${mb(heapAfter)}   (${mb(heapBefore)} before)`,
    ].join('\n'),
  );
  expect(delivered(state)).toBeGreaterThan(0);
});

it('share groups (KIP-932): the classroom hour as share groups', () => {
  const { state, wallMs, heapBefore, heapAfter } = typedHour('share', false);
  const acquired = state.groups.reduce((n, g) => n + (g.share?.stats.acquired ?? 0), 0);
  console.log(
    [
      '',
      '== share groups (KIP-932): classroom hour, 3 share groups of 4 on 12 partitions ==',
      `wall time for 1 simulated hour             : ${(wallMs / 1000).toFixed(2)} s`,
      `records acquired and acknowledged          : ${acquired.toLocaleString('en-US')} acquired, ${delivered(state).toLocaleString('en-US')} processed`,
      `records acquired per wall second           : ${Math.round(acquired / (wallMs / 1000)).toLocaleString('en-US')}`,
      `heap used after the hour (after GC)        : ${mb(heapAfter)}   (${mb(heapBefore)} before)`,
    ].join('\n'),
  );
  expect(acquired).toBeGreaterThan(0);
});
