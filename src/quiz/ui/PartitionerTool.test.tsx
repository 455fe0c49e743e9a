// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { partitionForKey } from '../../sim/kafka';
import { PartitionerTool } from './PartitionerTool';

afterEach(cleanup);

describe('PartitionerTool', () => {
  it('works out the partition of a key step by step, as Kafka’s default partitioner does', () => {
    const { container } = render(<PartitionerTool initialPartitions={6} />);
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'user-42' } });
    const result = container.querySelector('[data-partitioner-result]');
    expect(result?.textContent).toBe(`partition ${partitionForKey('user-42', 6)}`);
    // another partition count, another answer
    fireEvent.change(screen.getByLabelText('Partitions'), { target: { value: '12' } });
    expect(container.querySelector('[data-partitioner-result]')?.textContent).toBe(`partition ${partitionForKey('user-42', 12)}`);
  });

  it('explains an impossible partition count instead of computing with it', () => {
    const { container } = render(<PartitionerTool initialPartitions={6} />);
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'user-42' } });
    fireEvent.change(screen.getByLabelText('Partitions'), { target: { value: '0' } });
    expect(screen.getByText('Enter a whole number of partitions from 1 to 256.')).toBeTruthy();
    expect(container.querySelector('[data-partitioner-result]')).toBeNull();
  });
});
