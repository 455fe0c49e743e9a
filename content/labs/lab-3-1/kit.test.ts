import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configNameOf, imageVariables, verifiedBrokerConfigs } from './broker-configs.ts';

const here = dirname(fileURLToPath(import.meta.url));
const kit = join(here, 'kit');
const read = (p: string) => readFileSync(join(kit, p), 'utf8');

interface Compose {
  services: Record<string, { image: string; ports?: string[]; environment: Record<string, string | number> }>;
}

describe('kit docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as Compose;
  const services = Object.values(compose.services);
  const kafka = services[0]!;
  const env = kafka.environment;
  const setting = (name: string) => String(env[`KAFKA_${name.toUpperCase().replace(/\./g, '_')}`] ?? '');

  it('runs one service from the official apache/kafka image, pinned to a release', () => {
    expect(services).toHaveLength(1);
    expect(kafka.image).toMatch(/^apache\/kafka:\d+\.\d+\.\d+$/);
  });

  it('names only real broker settings (verified against Kafka’s source) and known image variables', () => {
    const unknown: string[] = [];
    for (const variable of Object.keys(env)) {
      const config = configNameOf(variable);
      if (config === null ? !imageVariables.has(variable) : !(config in verifiedBrokerConfigs)) unknown.push(variable);
    }
    expect(unknown).toEqual([]);
    expect(configNameOf('KAFKA_LOG_DIRS')).toBe('log.dirs');
    expect(configNameOf('KAFKA_ABC__DEF___GHI')).toBe('abc_def-ghi');
  });

  it('is a single KRaft node whose listeners agree with each other', () => {
    expect(setting('process.roles').split(',').sort()).toEqual(['broker', 'controller']);
    const nodeId = setting('node.id');
    const listeners = new Map(setting('listeners').split(',').map((l) => [l.split('://')[0]!, l.split(':').pop()!]));
    const protocols = new Map(setting('listener.security.protocol.map').split(',').map((p) => p.split(':') as [string, string]));
    for (const name of listeners.keys()) expect(protocols.has(name)).toBe(true);
    const controller = setting('controller.listener.names');
    expect(listeners.has(controller)).toBe(true);
    const [voterId, voterAddr] = setting('controller.quorum.voters').split('@');
    expect(voterId).toBe(nodeId);
    expect(voterAddr!.split(':')[1]).toBe(listeners.get(controller));
    expect(listeners.has(setting('inter.broker.listener.name'))).toBe(true);
    for (const adv of setting('advertised.listeners').split(',')) expect(listeners.has(adv.split('://')[0]!)).toBe(true);
    // The address clients on the host use is published.
    expect(setting('advertised.listeners')).toContain('localhost:9092');
    expect(kafka.ports).toContain('9092:9092');
    // One node cannot hold the default 3 replicas of the offsets topic.
    expect(setting('offsets.topic.replication.factor')).toBe('1');
  });

  it('gives the image a valid KRaft cluster id (16 bytes, URL-safe base64)', () => {
    const id = String(env.CLUSTER_ID);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(id, 'base64url')).toHaveLength(16);
  });
});

describe('kit Node.js project', () => {
  it('type-checks against KafkaJS’s own types, as Node runs it (type stripping, ES modules)', () => {
    const configPath = join(kit, 'tsconfig.json');
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
    expect(parsed).toBeDefined();
    const program = ts.createProgram({ rootNames: parsed!.fileNames, options: parsed!.options });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.slice(kit.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
    // Every kit file was checked, and 'kafkajs' resolved to the package's own declarations.
    expect(parsed!.fileNames.map((f) => f.split('/').pop()).sort()).toEqual(readdirSync(join(kit, 'src')).sort());
    const resolved = ts.resolveModuleName('kafkajs', join(kit, 'src', 'producer.ts'), parsed!.options, ts.sys).resolvedModule;
    expect(resolved?.resolvedFileName).toMatch(/node_modules\/kafkajs\/types\/index\.d\.ts$/);
   }, 60_000);

  it('depends on the KafkaJS version whose types were checked', () => {
    const kitPkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    const installed = JSON.parse(readFileSync(join(here, '../../../node_modules/kafkajs/package.json'), 'utf8')) as { version: string };
    expect(kitPkg.dependencies.kafkajs).toBe(installed.version);
    // Every npm script runs a file that exists.
    for (const [name, cmd] of Object.entries(kitPkg.scripts)) {
      const file = /^node (src\/[a-z-]+\.ts)$/.exec(cmd)?.[1];
      if (name !== 'typecheck') expect(readdirSync(join(kit, 'src')).map((f) => `src/${f}`)).toContain(file);
    }
  });

  it('README commands name only scripts and files that exist', () => {
    const readme = read('README.md');
    const kitPkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const runs = [...readme.matchAll(/npm run ([a-z-]+)/g)].map((m) => m[1]!);
    expect(runs.length).toBeGreaterThan(5);
    for (const r of runs) expect(Object.keys(kitPkg.scripts)).toContain(r);
    for (const m of readme.matchAll(/node (src\/[a-z-]+\.ts)/g)) expect(readdirSync(join(kit, 'src')).map((f) => `src/${f}`)).toContain(m[1]);
  });
});
