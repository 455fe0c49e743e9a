/** What every request handler gets and returns. */
import type { ApiDef } from '../../protocol/apis.ts';
import type { RequestHeader } from '../../protocol/header.ts';
import type { KafkaCluster } from '../cluster.ts';
import type { Connection } from '../connection.ts';

export interface RequestContext {
  cluster: KafkaCluster;
  connection: Connection;
  /** the simulated broker this connection talks to */
  brokerId: number;
  header: RequestHeader;
  api: ApiDef;
}

/** Returned by a handler when Kafka sends no response (a produce with acks=0). */
export const NO_RESPONSE = Symbol('no response');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (ctx: RequestContext, body: any) => object | typeof NO_RESPONSE | Promise<object | typeof NO_RESPONSE>;
