/**
 * Kafka's framing: every request and response is an int32 size followed by that many bytes.
 * FrameDecoder collects chunks as a transport delivers them and yields whole frames. A size below
 * zero or above the limit (Kafka's socket.request.max.bytes, 104857600 by default) means the peer
 * is not speaking Kafka or is hostile: Kafka closes the connection, and so does the caller.
 */

/** Kafka's socket.request.max.bytes default (KafkaConfig: 100 MiB). */
export const SOCKET_REQUEST_MAX_BYTES = 104_857_600;

export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

export class FrameDecoder {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private need = -1;

  constructor(private readonly maxFrameBytes = SOCKET_REQUEST_MAX_BYTES) {}

  /** Bytes received but not yet part of a complete frame. */
  get pending(): number {
    return this.buffered;
  }

  /** Adds a chunk; returns the complete frames now available (without their size prefix). Throws FrameError. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (chunk.length) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const out: Uint8Array[] = [];
    for (;;) {
      if (this.need < 0) {
        if (this.buffered < 4) break;
        const head = this.take(4);
        const size = new DataView(head.buffer, head.byteOffset, 4).getInt32(0);
        if (size < 0) throw new FrameError(`negative frame size ${size}`);
        if (size > this.maxFrameBytes) throw new FrameError(`frame of ${size} bytes is larger than socket.request.max.bytes (${this.maxFrameBytes})`);
        this.need = size;
      }
      if (this.buffered < this.need) break;
      out.push(this.take(this.need));
      this.need = -1;
    }
    return out;
  }

  private take(n: number): Uint8Array {
    // A zero-size frame is malformed for the caller to refuse, but not a reason to read past the chunks.
    if (n === 0) return new Uint8Array(0);
    const first = this.chunks[0]!;
    if (first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return out;
    }
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const c = this.chunks[0]!;
      const k = Math.min(c.length, n - at);
      out.set(c.subarray(0, k), at);
      at += k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    this.buffered -= n;
    return out;
  }
}

/** Prefixes a payload with its int32 size. */
export function frame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 4);
  new DataView(out.buffer).setInt32(0, payload.length);
  out.set(payload, 4);
  return out;
}
