import { createSimulation, findGroupView, partitionForKey, runUntil, snapshotView, type SimConfig, type TimedAction } from '../sim/index.ts';
import { formatNumber } from './grade';
import type { Measure, PredictItem } from './schema';

// "Predict, then run": the value a predict item is graded against is whatever the simulator
// actually produces for the item's run. Nothing here knows the answer in advance.

export interface RunResult {
  /** the measured value the learner's prediction is graded against */
  value: number;
  /** what the run showed, in words (shown under the answer, so the facts never depend on a picture) */
  facts: string[];
}

const seconds = (ms: number) => `${formatNumber(Math.round(ms / 100) / 10)} s`;

/** Runs the item's simulation (or calls the partitioner) and measures the result. Throws if the run's config is invalid. */
export function runPrediction(item: PredictItem): RunResult {
  return measureRun(item.measure, item.run);
}

export function measureRun(measure: Measure, run: PredictItem['run']): RunResult {
  if (measure.kind === 'partitionOfKey') {
    const p = partitionForKey(measure.key, measure.partitions);
    return {
      value: p,
      facts: [
        `Kafka's default partitioner hashed the key "${measure.key}" with murmur2, made the hash positive and took it modulo ${measure.partitions}: the record goes to partition ${p}.`,
        'The same key gives the same partition every time, as long as the partition count does not change.',
      ],
    };
  }
  if (!run) throw new Error(`measure ${measure.kind} needs a run`);
  const state = createSimulation(run.config as unknown as SimConfig, run.seed);
  const actions = [...(run.actions as unknown as TimedAction[])].sort((a, b) => a.atMs - b.atMs);
  runUntil(state, actions, run.runMs);
  const after = `After ${seconds(state.timeMs)} of simulated time`;

  if (measure.kind === 'hottestPartitionPercent') {
    const topic = snapshotView(state).topics.find((t) => t.name === measure.topic);
    if (!topic) throw new Error(`no topic ${measure.topic} in the run`);
    const counts = topic.partitions.map((p) => p.logEndOffset);
    const total = counts.reduce((a, b) => a + b, 0);
    const max = Math.max(0, ...counts);
    const busiest = counts.indexOf(max);
    const value = total ? Math.round((max / total) * 1000) / 10 : 0;
    return {
      value,
      facts: [
        `${after}, ${formatNumber(total)} records were written to "${measure.topic}".`,
        `Records per partition: ${counts.map((c, i) => `P${i} ${formatNumber(c)}`).join(', ')}.`,
        `The busiest partition, P${busiest}, holds ${formatNumber(value)}% of them; an even spread would be ${formatNumber(Math.round(1000 / counts.length) / 10)}% each.`,
      ],
    };
  }

  const g = findGroupView(state, measure.group);
  if (!g) throw new Error(`no group ${measure.group} in the run`);
  switch (measure.kind) {
    case 'idleConsumers':
    case 'activeConsumers': {
      const idle = g.members.filter((m) => m.status === 'idle');
      const active = g.members.filter((m) => m.status === 'active');
      const owners = g.members
        .filter((m) => m.partitions.length > 0)
        .map((m) => `${m.id} owns ${m.partitions.map((p) => `P${p}`).join(', ')}`);
      return {
        value: measure.kind === 'idleConsumers' ? idle.length : active.length,
        facts: [
          `${after}, group "${g.id}" has ${g.members.length} members: ${active.length} active and ${idle.length} idle with no partition.`,
          owners.length ? `${owners.join('; ')}.` : 'No member owns a partition.',
        ],
      };
    }
    case 'maxLag':
    case 'totalLag': {
      const lags = g.lag.map((l, i) => `P${i} ${l === null ? 'unknown (nothing committed)' : formatNumber(l)}`);
      // unknown lag is not zero: a run that ends without a committed offset cannot grade a number
      if (g.maxLag === null || g.totalLag === null) throw new Error(`the lag of group "${g.id}" is unknown at the end of the run (no committed offset on ${(g.lagUnknown ?? []).map((p) => `P${p}`).join(', ')})`);
      return {
        value: measure.kind === 'maxLag' ? g.maxLag : g.totalLag,
        facts: [
          `${after}, group "${g.id}" is ${formatNumber(g.totalLag)} records behind in total (high watermark minus committed offset); its largest lag on one partition is ${formatNumber(g.maxLag)}.`,
          `Lag per partition: ${lags.join(', ')}.`,
          `It has processed ${formatNumber(g.processed)} records so far.`,
        ],
      };
    }
    case 'busyConsumers': {
      const busy = g.members.filter((m) => m.processed > 0);
      const counts = g.members.map((m) => `${m.id} ${formatNumber(m.processed)}`).join(', ');
      return {
        value: busy.length,
        facts: [
          `${after}, ${busy.length} of the ${g.members.length} members of ${g.type === 'share' ? 'share group' : 'group'} "${g.id}" have processed records.`,
          `Records processed per member: ${counts}.`,
        ],
      };
    }
    case 'archivedRecords': {
      const sg = g.shareGroup;
      if (!sg) throw new Error(`group "${g.id}" is not a share group: only share groups archive records`);
      return {
        value: sg.stats.archived,
        facts: [
          `${after}, share group "${g.id}" has handed out records ${formatNumber(sg.stats.acquired)} times, of which ${formatNumber(sg.stats.redelivered)} were redeliveries.`,
          `Acknowledgements: ${formatNumber(sg.stats.accepted)} ACCEPT, ${formatNumber(sg.stats.released)} RELEASE, ${formatNumber(sg.stats.rejected)} REJECT; ${formatNumber(sg.stats.lockExpired)} acquisition locks expired.`,
          `${formatNumber(sg.stats.archived)} ${sg.stats.archived === 1 ? 'record was' : 'records were'} archived (out of delivery attempts, or rejected) and will never be delivered again.`,
        ],
      };
    }
    case 'outOfOrder':
      return {
        value: g.outOfOrder,
        facts: [
          `${after}, group "${g.id}" processed ${formatNumber(g.processed)} records.`,
          `${formatNumber(g.outOfOrder)} of them were handled before an earlier event of the same user.`,
        ],
      };
  }
}

/** Fills "{value}" in an explanation with the measured value. */
export function fillValue(text: string, value: number | undefined): string {
  return value === undefined ? text.replaceAll('{value}', 'the simulated value') : text.replaceAll('{value}', formatNumber(value));
}
