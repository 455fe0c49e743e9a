import { useSyncExternalStore } from 'react';

/**
 * What the service worker has told the page, for the toast that tells the learner
 * (src/pwa/UpdateToast.tsx). Kept out of the app store: it is not the learner's data, it is never
 * persisted, and the code that fills it (src/pwa/register.ts) loads after the page.
 */
export interface AppUpdateStatus {
  /** every file of the module is cached: it now works offline */
  offlineReady: boolean;
  /** a newer version is installed and waiting for this page to reload */
  updateReady: boolean;
}

let status: AppUpdateStatus = { offlineReady: false, updateReady: false };
let apply: (() => Promise<void>) | null = null;
const listeners = new Set<() => void>();

export function setAppUpdateStatus(next: Partial<AppUpdateStatus>): void {
  status = { ...status, ...next };
  for (const l of listeners) l();
}

/** Registers what "Reload now" does (activate the waiting service worker, then reload). */
export function setApplyUpdate(fn: () => Promise<void>): void {
  apply = fn;
}

/**
 * Switches to the waiting version. Progress is safe: every change to the learner's progress,
 * answers, notes and lab code is written to storage as it happens, so the reload reads it back.
 */
export function applyUpdate(): void {
  if (apply) void apply();
  else window.location.reload();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAppUpdateStatus(): AppUpdateStatus {
  return useSyncExternalStore(subscribe, () => status, () => status);
}
