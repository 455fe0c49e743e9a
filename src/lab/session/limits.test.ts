import { describe, expect, it } from 'vitest';
import { PROGRESS_GRACE_MS, RUN_HARD_LIMIT_MS, RUN_TIME_LIMIT_MS, runOverLimit } from './limits.ts';

describe('the run limit follows progress, so a loaded machine does not end a working run', () => {
  it('never ends a run before 30 s', () => {
    expect(RUN_TIME_LIMIT_MS).toBe(30_000);
    expect(runOverLimit(29_999, 29_999)).toBeNull();
  });

  it('after 30 s, ends a run once the broker has recorded nothing for 5 s, naming the whole seconds it ran', () => {
    expect(PROGRESS_GRACE_MS).toBe(5_000);
    expect(runOverLimit(30_050, 30_050)).toBe(30_000);
    expect(runOverLimit(41_700, 5_000)).toBe(41_000);
  });

  it('keeps a run going past 30 s while the broker still records progress (a slow machine)', () => {
    expect(runOverLimit(45_000, 4_999)).toBeNull();
    expect(runOverLimit(119_000, 0)).toBeNull();
  });

  it('ends every run after 2 minutes, progress or not', () => {
    expect(RUN_HARD_LIMIT_MS).toBe(120_000);
    expect(runOverLimit(120_001, 0)).toBe(120_000);
  });
});
