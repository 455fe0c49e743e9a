// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { preloadRoute } from './routes';

describe('preloadRoute (deep links fetch their chunks while React starts)', () => {
  it('never throws on a hostile or malformed hash: the app must still start', () => {
    for (const hash of ['#/learn/%', '#/learn/%E0%A4%A', '#/learn/__proto__', '#/learn/..%2F..%2Fpackage', '#/try/constructor', '#%', '', '#', '#/live', '#/nowhere/at/all']) {
      expect(() => preloadRoute(hash), hash).not.toThrow();
    }
  });
});
