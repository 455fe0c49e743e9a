import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

// Unit tests sit beside the code. Component tests opt into jsdom with a
// `// @vitest-environment jsdom` first line; everything else runs in plain Node.
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ['src/**/*.test.{ts,tsx}', 'vite-plugins/**/*.test.ts', 'content/**/*.test.ts'],
      environment: 'node',
      setupFiles: ['./src/test/setup.ts'],
      restoreMocks: true,
    },
  }),
);
