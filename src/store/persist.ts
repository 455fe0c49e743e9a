
/**
 * Versioned, validated storage for one persisted slice.
 *
 * What is stored is an envelope `{ app: 'streamlab', slice, version, data }`. On load:
 * - nothing stored: the defaults, no problem reported;
 * - an older version: migrated step by step, then validated;
 * - anything unreadable (bad JSON, another app's data, a newer version, data that fails the
 *   schema): the raw text is copied to `<key>:backup` so nothing is lost, the defaults are used,
 *   and a problem is returned for the UI to tell the learner.
 */
/** Any schema with zod's safeParse (persisted slices use zod/mini to keep the first load small). */
export interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

export interface PersistedSliceSpec<T> {
  key: string;
  slice: string;
  version: number;
  schema: Schema<T>;
  defaults: () => T;
  /** migrations[n] turns version n data into version n + 1 data. */
  migrations?: Record<number, (old: unknown) => unknown>;
}

export interface LoadResult<T> {
  value: T;
  problem: string | null;
}

export function storageAvailable(): Storage | null {
  try {
    const s = globalThis.localStorage;
    if (!s) return null;
    const probe = '__streamlab_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

export function loadSlice<T>(spec: PersistedSliceSpec<T>, storage: Storage | null = storageAvailable()): LoadResult<T> {
  if (!storage) return { value: spec.defaults(), problem: null };
  let raw: string | null;
  try {
    raw = storage.getItem(spec.key);
  } catch {
    return { value: spec.defaults(), problem: `Your browser would not let Streamlab read its saved ${spec.slice}.` };
  }
  if (raw === null) return { value: spec.defaults(), problem: null };
  const reason = readEnvelope(spec, raw);
  if (reason.ok) return { value: reason.value, problem: null };
  try {
    storage.setItem(`${spec.key}:backup`, raw);
    storage.removeItem(spec.key);
  } catch {
    /* keeping the copy is best effort; the learner is told either way */
  }
  return {
    value: spec.defaults(),
    problem: `Your saved ${spec.slice} could not be read (${reason.why}), so Streamlab started fresh. A copy of the old data was kept in this browser's storage under "${spec.key}:backup".`,
  };
}

function readEnvelope<T>(spec: PersistedSliceSpec<T>, raw: string): { ok: true; value: T } | { ok: false; why: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, why: 'it is not valid JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { app?: unknown }).app !== 'streamlab' || (parsed as { slice?: unknown }).slice !== spec.slice) {
    return { ok: false, why: 'it was not written by this version of Streamlab' };
  }
  const env = parsed as { version?: unknown; data?: unknown };
  if (typeof env.version !== 'number' || !Number.isInteger(env.version) || env.version < 1) return { ok: false, why: 'it has no valid version number' };
  if (env.version > spec.version) return { ok: false, why: `it comes from a newer Streamlab (format ${env.version}, this one reads up to ${spec.version})` };
  let data = env.data;
  for (let v = env.version; v < spec.version; v++) {
    const migrate = spec.migrations?.[v];
    if (!migrate) return { ok: false, why: `there is no upgrade from format ${v}` };
    try {
      data = migrate(data);
    } catch {
      return { ok: false, why: `upgrading it from format ${v} failed` };
    }
  }
  const result = spec.schema.safeParse(data);
  if (!result.success) return { ok: false, why: 'its contents are damaged or incomplete' };
  return { ok: true, value: result.data };
}

export function saveSlice<T>(spec: PersistedSliceSpec<T>, value: T, storage: Storage | null = storageAvailable()): string | null {
  if (!storage) return null;
  try {
    storage.setItem(spec.key, JSON.stringify({ app: 'streamlab', slice: spec.slice, version: spec.version, data: value }));
    return null;
  } catch {
    return `Streamlab could not save your ${spec.slice} in this browser (storage may be full or disabled). Your work stays on this page until you close it.`;
  }
}
