import type { InteractiveMeta } from '../types';

export const meta: InteractiveMeta = {
  id: 'delivery-guarantees',
  title: 'Delivery guarantees: crash the consumer, count the charges',
  description: 'A billing consumer reads orders from a topic and charges them. Pick at-most-once, at-least-once or exactly-once, switch idempotency keys on or off, inject crashes and retries, and compare the totals.',
};
