/** Per-step context shared by the simulator's components: the event list and whether per-record events are wanted. */
import type { SimEvent } from './types.ts';

/** Per-step context: the event list and whether per-record events are wanted. */
export interface Ctx {
  events: SimEvent[];
  recordEvents: boolean;
}
