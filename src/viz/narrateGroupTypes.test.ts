import { describe, expect, it } from 'vitest';
import { createSimulation, stepSimulation, applyAction } from '../sim';
import { narrate } from './narrate';

describe('narration of consumer (KIP-848) and share (KIP-932) groups', () => {
  it('tells the group epoch, a revocation and the member epochs in words', () => {
    const s = createSimulation({ topics: [{ name: 'orders', partitions: 6 }], producers: [{ id: 'p', topic: 'orders', ratePerSec: 100 }], groups: [{ id: 'billing', topic: 'orders', consumers: 3, type: 'consumer' }] }, 1);
    for (let i = 0; i < 100; i++) stepSimulation(s);
    const line = narrate(applyAction(s, { type: 'consumer/add', group: 'billing' }).events);
    expect(line?.text).toMatch(/group epoch 2 \(a member joined\)/);
    expect(line?.text).toMatch(/uniform assignor/);
  });

  it('tells redeliveries and archiving of a poison record in a share group', () => {
    const s = createSimulation({ topics: [{ name: 'jobs', partitions: 1 }], producers: [{ id: 'p', topic: 'jobs', ratePerSec: 50 }], groups: [{ id: 'w', topic: 'jobs', consumers: 2, type: 'share', shareGroup: { autoOffsetReset: 'earliest' } }] }, 2);
    for (let i = 0; i < 40; i++) stepSimulation(s);
    applyAction(s, { type: 'record/poison', topic: 'jobs', partition: 0 });
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) {
      const l = narrate(stepSimulation(s).events);
      if (l) lines.push(l.text);
    }
    expect(lines.some((t) => /released the record at offset \d+ of partition 0/.test(t))).toBe(true);
    expect(lines.some((t) => /acquired 1 record of partition 0 again/.test(t))).toBe(true);
    expect(lines.some((t) => /archived \(the delivery count limit was reached\)/.test(t))).toBe(true);
  });
});
