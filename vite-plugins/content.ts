import type { Plugin } from 'vite';
// Placeholder replaced by the content compiler in the next commit.
export function contentPlugin(): Plugin {
  return { name: 'streamlab-content' };
}
