// Simulator benchmark: prints figures for the classroom scenario (1,000 records/s, 12 partitions,
// 3 groups of 4) and the large one (2,000 records/s, 32 partitions, 3 groups of 12).
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
    `wall time to fast-forward 1 simulated hour : ${(wallMs / 1000).toFixed(2)} s   (target < 2 s)`,
    `CPU time of this process meanwhile         : ${(cpuMs / 1000).toFixed(2)} s   (wall time well above CPU time means a busy machine)`,
    `simulated seconds per wall second          : ${(3600 / (wallMs / 1000)).toFixed(0)}`,
    `records produced + delivered               : ${records.toLocaleString('en-US')} (${produced(state).toLocaleString('en-US')} produced, ${delivered(state).toLocaleString('en-US')} delivered)`,
    `records produced + delivered per wall second: ${Math.round(records / (wallMs / 1000)).toLocaleString('en-US')}`,
    `heap used after the hour (after GC)        : ${mb(heapAfter)}   (target < 50 MB; ${mb(heapBefore)} before creating the simulation)`,
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
