import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentPlugin } from './vite-plugins/content.ts';
import { labRuntimePlugin } from './vite-plugins/lab-runtime.ts';

// base './' keeps every asset URL relative, so the built site works from any sub-path
// (a course site such as https://example.edu/courses/streamlab/) without a rebuild.
export default defineConfig({
  base: './',
  plugins: [react(), contentPlugin(), labRuntimePlugin()],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  worker: { format: 'es' },
});
