import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { labs } from './lab-data.ts';

it('the downloadable kit carries the kit’s docker-compose.yml byte for byte, and every kit file', () => {
  expect(labs['lab-3-1']!.kit['docker-compose.yml']).toBe(readFileSync('content/labs/lab-3-1/kit/docker-compose.yml', 'utf8'));
  expect(Object.keys(labs['lab-3-1']!.kit).sort()).toEqual(
    ['.gitignore', 'README.md', 'docker-compose.yml', 'package.json', 'tsconfig.json', ...['consumers', 'create-topic', 'idempotent-billing', 'ledger', 'producer', 'search-indexer', 'second-billing'].map((f) => `src/${f}.ts`)].sort(),
  );
});
