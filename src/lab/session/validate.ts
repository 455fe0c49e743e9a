/**
 * The page's gate for messages from the sandbox: every message must match one of these strict
 * schemas exactly (no extra fields, bounded sizes, integral numbers), or it is refused. The
 * session stops a run whose sandbox sends anything else, with a message saying so.
 */
import { z } from 'zod';
import { MAX_LOG_TEXT, MAX_MESSAGES_PER_SEND, MAX_RECORD_TEXT, type SandboxMessage } from './protocol.ts';

const name = z.string().min(1).max(249);
const cell = z.string().regex(/^[a-z][a-z0-9-]{0,40}$/);
const id = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const nat = z.int().min(0).max(2 ** 31 - 1);
const text = (max: number) => z.string().max(max);

const sandboxError = z.strictObject({
  name: text(100),
  message: text(4000),
  cell: cell.nullable(),
  line: z.int().min(1).max(1_000_000).nullable(),
  kind: z.enum(['import', 'unsupported', 'exception']),
});

const call = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('createTopics'), cell, topics: z.array(z.strictObject({ topic: name, numPartitions: nat })).min(1).max(100) }),
  z.strictObject({ op: z.literal('listTopics') }),
  z.strictObject({
    op: z.literal('produce'),
    cell,
    topic: name,
    messages: z
      .array(z.strictObject({ key: text(MAX_RECORD_TEXT).nullable(), value: text(MAX_RECORD_TEXT).nullable(), partition: nat.nullable() }))
      .max(MAX_MESSAGES_PER_SEND),
  }),
  z.strictObject({ op: z.literal('consumer'), cell, groupId: name, sessionTimeout: nat.nullable() }),
  z.strictObject({ op: z.literal('subscribe'), member: name, topics: z.array(name).min(1).max(100), fromBeginning: z.boolean() }),
  z.strictObject({ op: z.literal('run'), member: name, autoCommit: z.boolean() }),
  z.strictObject({
    op: z.literal('commit'),
    member: name,
    offsets: z.array(z.strictObject({ topic: name, partition: nat, offset: z.int().min(0).max(Number.MAX_SAFE_INTEGER) })).max(10_000),
  }),
  z.strictObject({ op: z.literal('leave'), member: name }),
]);

const sandboxMessage = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('ready') }),
  z.strictObject({ t: z.literal('hb'), timers: nat, busy: z.boolean() }),
  z.strictObject({ t: z.literal('log'), cell, level: z.enum(['log', 'warn', 'error']), text: text(MAX_LOG_TEXT) }),
  z.strictObject({ t: z.literal('cell'), cell, state: z.enum(['started', 'done']) }),
  z.strictObject({ t: z.literal('fail'), error: sandboxError }),
  z.strictObject({ t: z.literal('call'), id, call }),
  z.strictObject({ t: z.literal('handled'), id, error: sandboxError.nullable() }),
  z.strictObject({ t: z.literal('charge'), orderId: text(1000), amount: z.number().finite() }),
  z.strictObject({ t: z.literal('blocked'), what: text(500) }),
]);

export type Checked = { ok: true; message: SandboxMessage } | { ok: false; reason: string };

/** Checks one message from the sandbox. Never throws, whatever `raw` is (getters included). */
export function checkSandboxMessage(raw: unknown): Checked {
  let r;
  try {
    r = sandboxMessage.safeParse(raw);
  } catch {
    return { ok: false, reason: 'the message could not be read' };
  }
  if (r.success) return { ok: true, message: r.data as SandboxMessage };
  const issue = r.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, reason: `${issue?.message ?? 'not a lab message'}${where}` };
}
