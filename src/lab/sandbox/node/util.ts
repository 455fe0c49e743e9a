/**
 * `util` for KafkaJS in the browser sandbox: the two functions it uses (`promisify` in its gzip
 * codec, `format` in its lock's timeout message), with Node's semantics for those uses.
 */

/** Node's util.promisify for a function whose last argument is a callback (error, value). */
export function promisify<T>(fn: (...args: unknown[]) => void): (...args: unknown[]) => Promise<T> {
  return (...args) =>
    new Promise<T>((resolve, reject) => {
      fn(...args, (err: unknown, value: T) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(value)));
    });
}

/** Node's util.format for %s, %d, %i, %j and %% (what KafkaJS's messages use); extra arguments are appended. */
export function format(template: unknown, ...args: unknown[]): string {
  if (typeof template !== 'string') return [template, ...args].map(String).join(' ');
  let i = 0;
  const out = template.replace(/%[sdij%]/g, (m) => {
    if (m === '%%') return '%';
    if (i >= args.length) return m;
    const a = args[i++];
    if (m === '%d' || m === '%i') return String(m === '%i' ? Math.trunc(Number(a)) : Number(a));
    if (m === '%j') return JSON.stringify(a);
    return String(a);
  });
  return [out, ...args.slice(i).map(String)].join(' ');
}

export default { promisify, format };
