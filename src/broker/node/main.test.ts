import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaCluster } from '../core/cluster.ts';
import { brokerCommand, parseArgs, readCommands } from './main.ts';

let clusters: KafkaCluster[] = [];
afterEach(() => {
  for (const c of clusters) c.close();
  clusters = [];
});
function cluster(): KafkaCluster {
  const c = new KafkaCluster({ brokers: 3 });
  clusters.push(c);
  return c;
}

describe('npm run broker: the command line', () => {
  it('parses its options with Kafka-like defaults (first port 9092, three brokers) and refuses bad ones', () => {
    expect(parseArgs([])).toMatchObject({ port: 9092, brokers: 3, live: true });
    expect(parseArgs(['--port', '19092', '--brokers', '2', '--no-live'])).toMatchObject({ port: 19092, brokers: 2, live: false });
    expect(parseArgs(['--brokers', '0'])).toHaveProperty('error');
    expect(parseArgs(['--replication-factor', '4'])).toHaveProperty('error');
  });

  it('stops and starts brokers with "stop N" / "start N" and says what it did', () => {
    const c = cluster();
    expect(brokerCommand(c, 'stop 1')).toMatch(/broker 1 stopped/);
    expect(c.isUp(1)).toBe(false);
    expect(brokerCommand(c, 'stop 1')).toMatch(/already stopped/);
    expect(brokerCommand(c, ' start 1 ')).toMatch(/broker 1 started/);
    expect(c.isUp(1)).toBe(true);
    expect(brokerCommand(c, 'stop 7')).toMatch(/no broker 7/);
    expect(brokerCommand(c, 'halt')).toMatch(/commands: stop N, start N/);
    expect(brokerCommand(c, '')).toBe('');
  });

  it('reads those commands from a pipe as well as a terminal (stdin that is not a TTY was ignored)', async () => {
    const c = cluster();
    const input = new PassThrough();
    const printed: string[] = [];
    const rl = readCommands(c, input, (l) => printed.push(l));
    input.write('stop 2\n');
    await new Promise((r) => setTimeout(r, 20));
    expect(c.isUp(2)).toBe(false);
    expect(printed).toEqual([expect.stringMatching(/broker 2 stopped/)]);
    rl.close();
  });
});
