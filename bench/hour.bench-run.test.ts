// One simulated hour of the classroom scenario, three times (wall and CPU ms), for the cost of the
// replication, producer-buffer and high-watermark model. Prints figures; asserts none.
import { it } from 'vitest';
import classroom from '../content/scenarios/classroom.json';
import { createSimulation, parseScenario, runUntil, type SimConfig } from '../src/sim/index.ts';
it('hour x3', () => {
  const scenario = parseScenario(classroom);
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const state = createSimulation(scenario.config as SimConfig, scenario.seed);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    runUntil(state, [], 3_600_000, { recordEvents: false });
    const cpu = process.cpuUsage(c0);
    out.push(`wall ${(performance.now() - t0).toFixed(0)} ms cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
  }
  console.log(`HOUR ${out.join(' | ')}`);
}, 600_000);
