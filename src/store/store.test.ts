// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { hydrateAndPersist, useStore } from './index';
import { envelopeText } from './persist';
import { labSpec } from './slices/lab';
import { progressSpec } from './slices/progress';
import { MemoryStorage } from '../test/memoryStorage';

const saved = (data: object) => JSON.stringify({ app: 'streamlab', slice: 'progress', version: 1, data: { visited: {}, completed: {}, notes: {}, lastSection: null, ...data } });

/** A storage whose quota is full: reads work, every write is refused. */
function fullStorage(): MemoryStorage {
  const s = new MemoryStorage();
  s.setItem('streamlab:progress', saved({ visited: { a: true }, completed: { a: true } }));
  s.setItem = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  return s;
}

describe('store hydration', () => {
  beforeEach(() => {
    localStorage.clear();
    useStore.setState({ notices: [], progress: progressSpec.defaults(), lab: labSpec.defaults() });
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

  it('loads saved progress when the quota is full, and reports the failed save once, with what to do', () => {
    const storage = fullStorage();
    const stop = hydrateAndPersist(storage);
    expect(useStore.getState().progress.completed).toEqual({ a: true });
    useStore.getState().setCompleted('b', true);
    useStore.getState().setCompleted('c', true);
    const errors = useStore.getState().notices.filter((n) => n.tone === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.text).toMatch(/could not save your progress.*keep it open.*Free some space/);
    expect(errors[0]!.action?.label).toBe('Try saving again');
    // dismissed, it does not come back on the next keystroke...
    useStore.getState().dismissNotice(errors[0]!.id);
    useStore.getState().setCompleted('d', true);
    expect(useStore.getState().notices).toHaveLength(0);
    stop();
  });

  it('"Try saving again" saves once there is room, and the message goes away', () => {
    const storage = fullStorage();
    const stop = hydrateAndPersist(storage);
    useStore.getState().setCompleted('b', true);
    const notice = useStore.getState().notices.find((n) => n.tone === 'error')!;
    storage.setItem = MemoryStorage.prototype.setItem;
    notice.action!.run();
    expect(useStore.getState().notices.filter((n) => n.tone === 'error')).toHaveLength(0);
    expect(JSON.parse(storage.getItem('streamlab:progress')!).data.completed).toEqual({ a: true, b: true });
    stop();
  });

  it("merges another tab's save instead of overwriting it", () => {
    const stop = hydrateAndPersist(localStorage);
    useStore.getState().setCompleted('mine', true);
    useStore.getState().setLabCode('lab-3-1', 'producer', 'my producer');
    // the other tab saves its own progress and lab code over ours...
    const theirs = { ...progressSpec.defaults(), completed: { theirs: true }, completedAt: { theirs: Date.now() + 1 } };
    const theirLab = { ...labSpec.defaults(), code: { 'lab-3-1': { consumers: 'their consumers' } }, edited: { 'lab-3-1': { consumers: Date.now() + 1 } } };
    for (const [spec, value] of [
      [progressSpec, theirs],
      [labSpec, theirLab],
    ] as const) {
      const text = envelopeText(spec as typeof progressSpec, value as never);
      localStorage.setItem(spec.key, text);
      window.dispatchEvent(new StorageEvent('storage', { key: spec.key, newValue: text, storageArea: localStorage }));
    }
    // ...and this tab ends up with both, and saves both
    expect(useStore.getState().progress.completed).toEqual({ mine: true, theirs: true });
    expect(useStore.getState().lab.code['lab-3-1']).toEqual({ producer: 'my producer', consumers: 'their consumers' });
    expect(JSON.parse(localStorage.getItem('streamlab:progress')!).data.completed).toEqual({ mine: true, theirs: true });
    expect(JSON.parse(localStorage.getItem('streamlab:lab')!).data.code['lab-3-1']).toEqual({ producer: 'my producer', consumers: 'their consumers' });
    stop();
  });

  it('ignores storage events for other keys, other storage and unreadable data', () => {
    const stop = hydrateAndPersist(localStorage);
    useStore.getState().setCompleted('mine', true);
    const before = useStore.getState().progress;
    window.dispatchEvent(new StorageEvent('storage', { key: 'streamlab:progress', newValue: '{oops', storageArea: localStorage }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'unrelated', newValue: saved({ completed: { x: true } }), storageArea: localStorage }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'streamlab:progress', newValue: saved({ completed: { x: true } }), storageArea: sessionStorage }));
    expect(useStore.getState().progress).toBe(before);
    stop();
  });
});
