/**
 * The live view's messages between `npm run broker` and the `#/live` page: snapshots of the
 * running cluster one way, three commands the other. Pure TypeScript, shared by both sides; the
 * page and the server each treat what they receive as untrusted and check it here.
 */
import type { SimView } from '../../sim/index.ts';
import type { KafkaCluster } from '../core/cluster.ts';

export interface LiveBroker {
  id: number;
  up: boolean;
  host: string;
  port: number;
  /** client connections open to it now */
  connections: number;
}

export interface LiveSnapshot {
  type: 'snapshot';
  clusterId: string;
  /** wall-clock epoch ms at simulated time 0 */
  startedAtMs: number;
  brokers: LiveBroker[];
  /** requests handled so far, by API name */
  requests: Record<string, number>;
  view: SimView;
}

export type LiveCommand = { type: 'broker/stop'; broker: number } | { type: 'broker/start'; broker: number } | { type: 'group/slow'; group: string; slowdown: number };

/** Slowdowns the page offers for a group's consumers (1 = normal). */
export const SLOWDOWNS = [1, 2, 5, 10] as const;

export function liveSnapshot(cluster: KafkaCluster): LiveSnapshot {
  return {
    type: 'snapshot',
    clusterId: cluster.clusterId,
    startedAtMs: cluster.startedAtMs,
    brokers: cluster.brokerIds.map((id) => ({ id, up: cluster.isUp(id), ...cluster.endpoint(id), connections: cluster.connectionsOf(id) })),
    requests: Object.fromEntries(cluster.requestCounts),
    view: cluster.view(),
  };
}

/** Parses a page's command; anything else is an error with a reason. */
export function parseLiveCommand(text: string): LiveCommand | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { error: 'not JSON' };
  }
  if (typeof v !== 'object' || v === null) return { error: 'not an object' };
  const o = v as Record<string, unknown>;
  if (o.type === 'broker/stop' || o.type === 'broker/start') {
    if (!Number.isInteger(o.broker) || (o.broker as number) < 0 || (o.broker as number) > 64) return { error: 'broker must be a broker id' };
    return { type: o.type, broker: o.broker as number };
  }
  if (o.type === 'group/slow') {
    if (typeof o.group !== 'string' || o.group.length < 1 || o.group.length > 255) return { error: 'group must be a group id' };
    if (typeof o.slowdown !== 'number' || !(o.slowdown >= 1 && o.slowdown <= 100)) return { error: 'slowdown must be a number from 1 to 100' };
    return { type: 'group/slow', group: o.group, slowdown: o.slowdown };
  }
  return { error: `unknown command ${JSON.stringify(o.type)}` };
}

/** Checks a snapshot from the server before the page uses it. */
export function parseLiveSnapshot(text: string): LiveSnapshot | { type: 'error' | 'ok'; message?: string } | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (o.type === 'error' || o.type === 'ok') return { type: o.type, ...(typeof o.message === 'string' ? { message: o.message } : {}) };
  if (o.type !== 'snapshot' || !Array.isArray(o.brokers) || typeof o.view !== 'object' || o.view === null) return null;
  const view = o.view as Record<string, unknown>;
  if (!Array.isArray(view.topics) || !Array.isArray(view.groups) || !Array.isArray(view.brokers) || typeof view.timeMs !== 'number') return null;
  return v as LiveSnapshot;
}
