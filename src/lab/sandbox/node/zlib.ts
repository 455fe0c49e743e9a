/**
 * `zlib` for KafkaJS in the browser sandbox: the gzip codec (KafkaJS's CompressionTypes.GZIP,
 * Kafka's compression.type=gzip) on fflate, with Node's callback signatures `gzip(buf, cb)` and
 * `unzip(buf, cb)` (unzip reads gzip or zlib streams, as Node's does). fflate's synchronous
 * functions are used: its asynchronous ones start workers, which the sandbox does not allow.
 */
import { Buffer } from 'buffer';
import { decompressSync, gzipSync } from 'fflate';

type Callback = (err: Error | null, out?: Buffer) => void;

function later(cb: Callback, work: () => Uint8Array): void {
  setTimeout(() => {
    let out: Uint8Array;
    try {
      out = work();
    } catch (e) {
      cb(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    cb(null, Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  }, 0);
}

export function gzip(input: Uint8Array, cb: Callback): void {
  later(cb, () => gzipSync(new Uint8Array(input)));
}

export function unzip(input: Uint8Array, cb: Callback): void {
  // decompressSync tells gzip, zlib and raw deflate apart by their headers.
  later(cb, () => decompressSync(new Uint8Array(input)));
}

export default { gzip, unzip };
