/** `assert` for KafkaJS in the browser sandbox (its transaction manager checks its arguments with it). */
export default function assert(value: unknown, message?: string): asserts value {
  if (!value) throw Object.assign(new Error(message ?? 'Assertion failed'), { name: 'AssertionError', code: 'ERR_ASSERTION' });
}
