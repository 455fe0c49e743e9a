// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { BP_DEFAULTS, bpActionSchema, bpConfigSchema, type BpAction } from '../../sim/models/backpressure';
import { decodeShare, SHARE_PARAM } from '../../share/link';
import { shareMoment, snapshotSchema } from './share';

const schema = snapshotSchema(bpConfigSchema, bpActionSchema);
const decode = (url: string) => decodeShare('backpressure', new URLSearchParams(url.split('?')[1]).get(SHARE_PARAM) ?? '', schema);

describe('shareMoment', () => {
  it('shares settings, seed, recording and tick, and they decode to the same snapshot', () => {
    const snap = { config: BP_DEFAULTS, seed: 9, recording: [{ tick: 12, action: { type: 'set', params: { producerRate: 500 } } as BpAction }], tick: 40 };
    const note = vi.fn();
    const r = decode(shareMoment('backpressure', snap, BP_DEFAULTS, note));
    expect(note).toHaveBeenCalledWith(null);
    expect(r).toEqual({ ok: true, value: snap });
  });

  it('falls back to the current settings from time 0 when the run is too long for a link', () => {
    const recording = Array.from({ length: 600 }, (_, i) => ({ tick: i, action: { type: 'set', params: { producerRate: 100 + i } } as BpAction }));
    const current = { ...BP_DEFAULTS, producerRate: 699 };
    const note = vi.fn();
    const r = decode(shareMoment('backpressure', { config: BP_DEFAULTS, seed: 9, recording, tick: 700 }, current, note));
    expect(note).toHaveBeenCalledWith(expect.stringMatching(/too many changes/));
    expect(r).toEqual({ ok: true, value: { config: current, seed: 9, recording: [], tick: 0 } });
  });

  it('rejects a payload with out-of-range settings', () => {
    const bad = { config: { ...BP_DEFAULTS, bufferSize: -1 }, seed: 1, recording: [], tick: 0 };
    const r = decode(shareMoment('backpressure', bad as never, BP_DEFAULTS, () => {}));
    expect(r.ok).toBe(false);
  });
});
