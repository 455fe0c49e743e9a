import { describe, expect, it } from 'vitest';
import { DEFAULTS, simConfigSchema, validateConfig, validateScenario } from './index.ts';

describe('public entry', () => {
  it('exports the config schema, which accepts a valid config and rejects a bad one', () => {
    expect(simConfigSchema.safeParse({ topics: [{ name: 'orders', partitions: 3 }] }).success).toBe(true);
    expect(simConfigSchema.safeParse({ topics: [{ name: 'orders', partitions: 0 }] }).success).toBe(false);
    expect(simConfigSchema.safeParse({ topics: [{ name: 'orders', partitions: 3 }], extra: 1 }).success).toBe(false);
    expect(validateConfig({ topics: [{ name: 'orders', partitions: 3 }] })).toMatchObject({ ok: true, config: { brokers: DEFAULTS.brokers } });
  });

  it('exports validateScenario, which reports problems instead of throwing', () => {
    const bad = validateScenario({ id: 'x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.length).toBeGreaterThan(0);
  });
});
