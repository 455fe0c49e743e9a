import type { InteractiveMeta } from '../types';

export const meta: InteractiveMeta = {
  id: 'backpressure-chain',
  title: 'Backpressure propagation through three stages',
  description: 'Orders flow through ingest, enrich and a database writer. Slow the writer, then make the buffer in front of it bounded, unbounded or a Kafka topic, and watch the slow-down travel upstream, or not.',
};
