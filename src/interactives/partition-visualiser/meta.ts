import type { InteractiveMeta } from '../types';

export const meta: InteractiveMeta = {
  id: 'partition-visualiser',
  title: 'Partition visualiser',
  description:
    'Watch records flow into partitions and out to consumer groups. Change partitions, keys and consumers, inject faults such as a stopped broker or a poison record, and see lag, rebalances and idle consumers as they happen.',
};
