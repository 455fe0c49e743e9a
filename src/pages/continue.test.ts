import { describe, expect, it } from 'vitest';
import { nextUnfinished } from './continue';

const sections = ['intro', 'queues', 'kafka', 'guarantees', 'quiz'].map((id) => ({ id }));

describe('nextUnfinished', () => {
  it('is the first section not completed, not the last one visited', () => {
    // sections 1 and 2 done, then a look at section 5: Continue goes to section 3
    expect(nextUnfinished(sections, { intro: true, queues: true })?.id).toBe('kafka');
    expect(nextUnfinished(sections, { intro: true, kafka: true })?.id).toBe('queues');
    expect(nextUnfinished(sections, {})?.id).toBe('intro');
  });
  it('is null once every section is completed', () => {
    expect(nextUnfinished(sections, Object.fromEntries(sections.map((s) => [s.id, true as const])))).toBeNull();
  });
});
