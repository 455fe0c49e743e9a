import type { InteractiveMeta } from '../types';

export const meta: InteractiveMeta = {
  id: 'messaging-models',
  title: 'Queue, pub/sub and event streaming side by side',
  description: 'One producer sends the same messages through a work queue, a pub/sub topic and an event log. Take readers offline, add a group late and replay, and compare what each one received, missed or re-read.',
};
