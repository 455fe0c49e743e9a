
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
  /** the unreadable stored text, when no backup copy of it could be written (for a download) */
  unreadable?: string;
}

/**
 * This browser's localStorage, or null where there is none or reading it is refused (storage
 * turned off, some private modes). It is probed by reading, never by writing: a full quota
 * refuses writes, and progress saved before it filled up must still load.
 */
export function storageAvailable(): Storage | null {
  try {
    const s = globalThis.localStorage;
    if (!s) return null;
    s.getItem('streamlab:prefs');
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
  let kept: boolean;
  try {
    storage.setItem(`${spec.key}:backup`, raw);
    kept = storage.getItem(`${spec.key}:backup`) === raw;
    if (kept) storage.removeItem(spec.key);
  } catch {
    kept = false;
  }
  const start = `Your saved ${spec.slice} could not be read (${reason.why}), so Streamlab started fresh.`;
  return {
    value: spec.defaults(),
    problem: kept
      ? `${start} A copy of the old data was kept in this browser's storage under "${spec.key}:backup".`
      : `${start} The browser would not store a copy of the old data (its storage may be full), so it stays under "${spec.key}" only until Streamlab next saves your ${spec.slice}: download a copy now if you want to keep it.`,
    unreadable: kept ? undefined : raw,
  };
}

/**
 * Reads a stored envelope (as `storage` events deliver them) without touching storage: the data
 * if it is this slice's and readable, else null.
 */
export function readStored<T>(spec: PersistedSliceSpec<T>, raw: string | null): T | null {
  if (raw === null) return null;
  const r = readEnvelope(spec, raw);
  return r.ok ? r.value : null;
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

/** The text `saveSlice` stores for a value. */
export function envelopeText<T>(spec: PersistedSliceSpec<T>, value: T): string {
  return JSON.stringify({ app: 'streamlab', slice: spec.slice, version: spec.version, data: value });
}

/**
 * Stores one slice. Returns null when saved (or when exactly this text is stored already), else a
 * message for the learner that says what happened and what to do.
 */
export function saveSlice<T>(spec: PersistedSliceSpec<T>, value: T, storage: Storage | null = storageAvailable()): string | null {
  if (!storage) {
    return `This browser does not let Streamlab store anything (site data may be blocked, or this is a private window), so your ${spec.slice} will be gone when you close this page. To keep your progress, allow site data for this site or open Streamlab in a normal window.`;
  }
  const text = envelopeText(spec, value);
  try {
    if (storage.getItem(spec.key) === text) return null;
    storage.setItem(spec.key, text);
    return null;
  } catch {
    return `Streamlab could not save your ${spec.slice}: this browser's storage for the site is full or turned off. Your latest changes are still on this page, so keep it open. Free some space (in your browser's settings, delete the stored data of sites you no longer need) or allow site data, then press "Try saving again".`;
  }
}
