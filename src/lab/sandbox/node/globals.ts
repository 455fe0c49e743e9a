/**
 * The Node globals KafkaJS reads without importing them (`Buffer`, `global`, `process.env`,
 * `process.hrtime`), installed in the sandbox's worker before KafkaJS loads. `Buffer` is the
 * `buffer` package, the usual browser stand-in for Node's.
 */
import { Buffer } from 'buffer';

const g = globalThis as unknown as Record<string, unknown>;
if (g.Buffer === undefined) g.Buffer = Buffer;
if (g.global === undefined) g.global = globalThis;
if (g.process === undefined) {
  g.process = {
    env: {},
    /** [seconds, nanoseconds] since an arbitrary point, or since `since` (Node's process.hrtime) */
    hrtime(since?: [number, number]): [number, number] {
      const ns = Math.round(performance.now() * 1e6);
      const now: [number, number] = [Math.floor(ns / 1e9), ns % 1e9];
      if (!since) return now;
      let s = now[0] - since[0];
      let n = now[1] - since[1];
      if (n < 0) {
        s -= 1;
        n += 1e9;
      }
      return [s, n];
    },
  };
}
