/**
 * Message schemas as data, in the shape of Kafka's own message definitions
 * (clients/src/main/resources/common/message/*.json in Apache Kafka): every field names the
 * versions it exists in, the versions in which it may be null, and, for tagged fields (KIP-482),
 * its tag. One generic codec (codec.ts) reads these tables; nothing else knows the byte layout.
 *
 * The builders below also carry each field's TypeScript type, so `Infer<typeof someSchema>` is
 * the shape of a decoded message and handlers are type-checked against the table.
 */

/** An inclusive version range; `max` is Infinity for "N+". */
export interface VersionRange {
  min: number;
  max: number;
}

/** Parses Kafka's version notation: "3+", "0-7", "4", "none". */
export function versions(spec: string): VersionRange {
  if (spec === 'none') return { min: Infinity, max: -Infinity };
  const plus = /^(\d+)\+$/.exec(spec);
  if (plus) return { min: Number(plus[1]), max: Infinity };
  const range = /^(\d+)-(\d+)$/.exec(spec);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  if (/^\d+$/.test(spec)) return { min: Number(spec), max: Number(spec) };
  throw new Error(`bad version spec "${spec}"`);
}

export function inRange(r: VersionRange | undefined, v: number): boolean {
  return r !== undefined && v >= r.min && v <= r.max;
}

export type Primitive = 'bool' | 'int8' | 'int16' | 'int32' | 'int64' | 'float64' | 'string' | 'bytes' | 'records';

export type FieldType = { kind: 'primitive'; type: Primitive } | { kind: 'struct'; fields: readonly AnyField[] } | { kind: 'array'; of: Primitive | readonly AnyField[] };

export interface FieldOptions {
  /** versions in which the field may be null (Kafka's nullableVersions) */
  nullable?: string;
  /** a tagged field (KIP-482): its tag and the versions in which it is tagged */
  tag?: number;
  /** the value decoded when the field is absent in a version (Kafka's default) */
  default?: unknown;
}

export interface Field<N extends string, T> {
  readonly name: N;
  readonly type: FieldType;
  readonly versions: VersionRange;
  readonly nullable?: VersionRange;
  readonly tag?: number;
  readonly default: unknown;
  /** phantom: the decoded TypeScript type */
  readonly __type?: T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyField = Field<string, any>;

type FieldValue<F> = F extends Field<string, infer T> ? T : never;
export type InferStruct<F extends readonly AnyField[]> = { [K in F[number] as K['name']]: FieldValue<K> };

export interface MessageSchema<F extends readonly AnyField[] = readonly AnyField[]> {
  readonly name: string;
  readonly apiKey: number;
  /** versions this broker reads and writes (a subset of Kafka's validVersions) */
  readonly valid: VersionRange;
  /** versions using the compact encodings and tagged fields of KIP-482 */
  readonly flexible: VersionRange;
  readonly fields: F;
}

export type Infer<S> = S extends MessageSchema<infer F> ? InferStruct<F> : never;

/** What an encoder accepts: any field may be left out (it is written as its default). */
export type DeepPartial<T> = T extends Uint8Array ? T : T extends (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function defaultFor(type: FieldType, nullable: boolean): unknown {
  if (nullable) return null;
  if (type.kind === 'array') return [];
  if (type.kind === 'struct') return null;
  switch (type.type) {
    case 'bool':
      return false;
    case 'string':
      return '';
    case 'bytes':
      return new Uint8Array(0);
    case 'records':
      return null;
    default:
      return 0;
  }
}

function make<N extends string, T>(name: N, type: FieldType, spec: string, o: FieldOptions = {}): Field<N, T> {
  const nullable = o.nullable ? versions(o.nullable) : undefined;
  return {
    name,
    type,
    versions: versions(spec),
    ...(nullable ? { nullable } : {}),
    ...(o.tag !== undefined ? { tag: o.tag } : {}),
    default: o.default !== undefined ? o.default : defaultFor(type, nullable !== undefined),
  };
}

const prim = (type: Primitive): FieldType => ({ kind: 'primitive', type });

/** Field builders, one per Kafka type. A nullable string or bytes field uses the `n*` builder. */
export const f = {
  bool: <N extends string>(name: N, spec: string, o?: FieldOptions) => make<N, boolean>(name, prim('bool'), spec, o),
  int8: <N extends string>(name: N, spec: string, o?: FieldOptions) => make<N, number>(name, prim('int8'), spec, o),
  int16: <N extends string>(name: N, spec: string, o?: FieldOptions) => make<N, number>(name, prim('int16'), spec, o),
  int32: <N extends string>(name: N, spec: string, o?: FieldOptions) => make<N, number>(name, prim('int32'), spec, o),
  int64: <N extends string>(name: N, spec: string, o?: FieldOptions) => make<N, number>(name, prim('int64'), spec, o),
  float64: <N extends string>(name: N, spec: string, o?: FieldOptions) => make<N, number>(name, prim('float64'), spec, o),
  string: <N extends string>(name: N, spec: string, o?: FieldOptions) => make<N, string>(name, prim('string'), spec, o),
  /** a string that is nullable in the versions `o.nullable` names */
  nstring: <N extends string>(name: N, spec: string, o: FieldOptions & { nullable: string }) => make<N, string | null>(name, prim('string'), spec, o),
  bytes: <N extends string>(name: N, spec: string, o?: FieldOptions) => make<N, Uint8Array>(name, prim('bytes'), spec, o),
  nbytes: <N extends string>(name: N, spec: string, o: FieldOptions & { nullable: string }) => make<N, Uint8Array | null>(name, prim('bytes'), spec, o),
  /** a record set (bytes holding record batches), nullable in every version as in Kafka */
  records: <N extends string>(name: N, spec: string) => make<N, Uint8Array | null>(name, prim('records'), spec, { nullable: '0+' }),
  /** an array of primitives */
  list: <N extends string, P extends 'int32' | 'int64' | 'string'>(name: N, spec: string, of: P, o?: FieldOptions) =>
    make<N, P extends 'string' ? string[] : number[]>(name, { kind: 'array', of }, spec, o),
  nlist: <N extends string, P extends 'int32' | 'int64' | 'string'>(name: N, spec: string, of: P, o: FieldOptions & { nullable: string }) =>
    make<N, (P extends 'string' ? string[] : number[]) | null>(name, { kind: 'array', of }, spec, o),
  /** an array of structs */
  array: <N extends string, const F extends readonly AnyField[]>(name: N, spec: string, fields: F, o?: FieldOptions) =>
    make<N, InferStruct<F>[]>(name, { kind: 'array', of: fields }, spec, o),
  narray: <N extends string, const F extends readonly AnyField[]>(name: N, spec: string, fields: F, o: FieldOptions & { nullable: string }) =>
    make<N, InferStruct<F>[] | null>(name, { kind: 'array', of: fields }, spec, o),
  /** a single struct (used for tagged structs); absent means null */
  struct: <N extends string, const F extends readonly AnyField[]>(name: N, spec: string, fields: F, o?: FieldOptions) =>
    make<N, InferStruct<F> | null>(name, { kind: 'struct', fields }, spec, o),
};

export function message<const F extends readonly AnyField[]>(name: string, apiKey: number, valid: string, flexible: string, fields: F): MessageSchema<F> {
  return { name, apiKey, valid: versions(valid), flexible: versions(flexible), fields };
}
