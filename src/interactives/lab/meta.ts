import type { InteractiveMeta } from '../types';

export const meta: InteractiveMeta = {
  id: 'lab',
  title: 'Lab 3.1 in the browser',
  description: 'Write a keyed producer and two consumer groups in TypeScript against a simulated Kafka, with automatic checks for every step, then run the same code on a real broker with the kit.',
};
