import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The simulator is a pure model: it must not reach the view, the DOM, the clock or an unseeded RNG.
const simFence = {
  files: ['src/sim/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          { name: 'react', message: 'src/sim is pure TypeScript: no React.' },
          { name: 'react-dom', message: 'src/sim is pure TypeScript: no React.' },
          { name: 'zustand', message: 'src/sim never touches the store; it returns state and events.' },
          { name: 'd3', message: 'src/sim must not use D3 (the view computes layouts).' },
          { name: 'd3-selection', message: 'src/sim must not touch the DOM.' },
        ],
        patterns: [
          { group: ['react/*', 'react-dom/*', 'zustand/*', 'react-router', '**/store/**', '**/components/**', '**/pages/**', '**/viz/**'], message: 'src/sim may import only from src/sim.' },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'window', message: 'src/sim must not touch the DOM.' },
      { name: 'document', message: 'src/sim must not touch the DOM.' },
      { name: 'localStorage', message: 'src/sim must not persist anything.' },
      { name: 'performance', message: 'src/sim must not read the wall clock.' },
      { name: 'setTimeout', message: 'src/sim advances only by step().' },
      { name: 'setInterval', message: 'src/sim advances only by step().' },
      { name: 'requestAnimationFrame', message: 'src/sim advances only by step().' },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Math', property: 'random', message: 'Use the seeded RNG in src/sim/rng.ts.' },
      { object: 'Date', property: 'now', message: 'Simulated time only: use state.time.' },
    ],
    'no-restricted-syntax': [
      'error',
      { selector: "NewExpression[callee.name='Date']", message: 'Simulated time only: no wall-clock dates in src/sim.' },
    ],
  },
};

// The broker core runs in a browser worker too: no Node API (transports live in src/broker/node).
const brokerFence = {
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: '^node:', message: 'src/broker (outside node/) runs in browsers: no Node modules.' },
          { regex: '^(net|tls|fs|path|http|https|zlib|crypto|os|child_process|stream|url|util|readline|worker_threads|dgram|dns)$', message: 'src/broker (outside node/) runs in browsers: no Node modules.' },
          { group: ['**/node/**', 'ws', 'kafkajs', 'react', 'react-dom', 'zustand'], message: 'the broker core imports only the simulator, its own protocol code and browser-safe libraries.' },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'Buffer', message: 'Use Uint8Array: the broker core runs in browsers.' },
      { name: 'process', message: 'The broker core runs in browsers.' },
      { name: 'require', message: 'The broker core is an ES module.' },
    ],
  },
};

export default tseslint.config(
  // Tutorial programs kept as a new user writes them (src/lab/sandbox/fixtures/README.md), not in our style.
  { ignores: ['dist', 'dist-lms', 'dist-packages', 'node_modules', 'test-results', 'playwright-report', 'coverage', '.mirror', 'src/lab/sandbox/fixtures/**'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { ...simFence, files: ['src/sim/**/*.ts'], ignores: ['src/sim/**/*.test.ts', 'src/sim/**/*.bench.ts'] },
  { ...brokerFence, files: ['src/broker/**/*.ts'], ignores: ['src/broker/node/**', 'src/broker/test/**', 'src/broker/**/*.test.ts'] },
  // Every end-to-end spec takes `test` from the shared fixtures, whose automatic fixture fails the
  // test on any Content Security Policy violation.
  {
    files: ['e2e/**/*.ts'],
    ignores: ['e2e/fixtures.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@playwright/test', importNames: ['test', 'expect'], message: "Import test and expect from './fixtures' (it checks for CSP violations)." }] },
      ],
    },
  },
);
