// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { hydrateAndPersist, useStore } from './index';
import { progressSpec } from './slices/progress';

describe('store hydration', () => {
  beforeEach(() => {
    localStorage.clear();
    useStore.setState({ notices: [], progress: progressSpec.defaults() });
  });

  it('restores saved progress and saves changes', () => {
    localStorage.setItem(
      'streamlab:progress',
      JSON.stringify({ app: 'streamlab', slice: 'progress', version: 1, data: { visited: { a: true }, completed: {}, notes: {}, lastSection: 'a' } }),
    );
    const stop = hydrateAndPersist(localStorage);
    expect(useStore.getState().progress.visited).toEqual({ a: true });
    useStore.getState().setCompleted('a', true);
    expect(JSON.parse(localStorage.getItem('streamlab:progress') ?? '{}').data.completed).toEqual({ a: true });
    stop();
  });

  it('tells the learner when saved progress is corrupted and starts clean', () => {
    localStorage.setItem('streamlab:progress', '{"app":"streamlab","slice":"progress","version":1,"data":{"visited":42}}');
    const stop = hydrateAndPersist(localStorage);
    expect(useStore.getState().progress).toEqual(progressSpec.defaults());
    expect(useStore.getState().notices).toEqual([expect.objectContaining({ tone: 'warning', text: expect.stringMatching(/could not be read/) })]);
    expect(localStorage.getItem('streamlab:progress:backup')).toContain('"visited":42');
    stop();
  });
});
