import type { InteractiveMeta } from '../types';

export const meta: InteractiveMeta = {
  id: 'backpressure',
  title: 'Backpressure: six ways to handle a slow consumer',
  description: 'A producer feeds a consumer through a buffer. Switch between an unbounded queue, blocking, dropping, demand-signalled pull, credit windows and lag-based throttling, move the sliders, and watch rates, buffer, memory, losses and latency.',
};
