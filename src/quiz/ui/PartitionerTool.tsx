import { useId, useState } from 'react';
import { murmur2, toPositive } from '../../sim/kafka/murmur2';

const encoder = new TextEncoder();
const MAX_PARTITIONS = 256;

/**
 * Kafka's default partitioner, step by step, for any key: the key's UTF-8 bytes, their murmur2
 * hash (a signed 32-bit number), the hash made positive, and that number modulo the partition
 * count. The same functions the simulator uses (src/sim/kafka/murmur2.ts, written from Kafka's
 * Utils.murmur2, Utils.toPositive and BuiltInPartitioner.partitionForKey), so a learner can work
 * out a key's partition instead of guessing it.
 */
export function PartitionerTool({ initialPartitions }: { initialPartitions: number }) {
  const uid = useId();
  const [key, setKey] = useState('');
  const [partsText, setPartsText] = useState(String(initialPartitions));
  const parts = Number(partsText);
  const partsOk = Number.isInteger(parts) && parts >= 1 && parts <= MAX_PARTITIONS;
  const bytes = encoder.encode(key);
  const hash = murmur2(bytes);
  const positive = toPositive(hash);
  const shownBytes = [...bytes.slice(0, 24)].map((b) => b.toString(16).padStart(2, '0')).join(' ') + (bytes.length > 24 ? ' …' : '');
  return (
    <details className="partitioner" data-partitioner="">
      <summary>Work it out with Kafka's partitioner</summary>
      <div className="partitioner__inputs">
        <label htmlFor={`${uid}-key`}>Key</label>
        <input id={`${uid}-key`} type="text" autoComplete="off" spellCheck={false} value={key} maxLength={200} onChange={(e) => setKey(e.target.value)} placeholder="type a key, e.g. user-7" />
        <label htmlFor={`${uid}-n`}>Partitions</label>
        <input
          id={`${uid}-n`}
          type="text"
          inputMode="numeric"
          value={partsText}
          onChange={(e) => setPartsText(e.target.value)}
          aria-invalid={partsOk ? undefined : true}
          aria-describedby={`${uid}-n-msg`}
        />
        <span id={`${uid}-n-msg`} className="partitioner__msg" aria-live="polite">
          {partsOk ? '' : `Enter a whole number of partitions from 1 to ${MAX_PARTITIONS}.`}
        </span>
      </div>
      {key === '' ? (
        <p className="partitioner__empty">Type a key to see each step.</p>
      ) : (
        <ol className="partitioner__steps" aria-live="polite">
          <li>
            UTF-8 bytes of the key ({bytes.length} byte{bytes.length === 1 ? '' : 's'}, hex): <code>{shownBytes}</code>
          </li>
          <li>
            murmur2 of those bytes (a signed 32-bit number): <code>{hash}</code>
          </li>
          <li>
            made positive (the sign bit cleared): <code>{positive}</code>
          </li>
          {partsOk ? (
            <li>
              <code>
                {positive} mod {parts} = {positive % parts}
              </code>
              : the record goes to <strong data-partitioner-result="">partition {positive % parts}</strong>
            </li>
          ) : null}
        </ol>
      )}
    </details>
  );
}
