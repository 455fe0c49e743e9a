import { z } from 'zod/mini';
import type { StateCreator } from 'zustand';
import type { PersistedSliceSpec } from '../persist';
import type { AppState } from '../index';

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

export const prefsSchema = z.object({ theme: z.enum(themes) });
export type Prefs = z.infer<typeof prefsSchema>;

export const prefsSpec: PersistedSliceSpec<Prefs> = {
  key: 'streamlab:prefs',
  slice: 'preferences',
  version: 1,
  schema: prefsSchema,
  defaults: () => ({ theme: 'system' }),
};

export interface PrefsSlice {
  prefs: Prefs;
  setTheme: (theme: Theme) => void;
}

export const createPrefsSlice: StateCreator<AppState, [], [], PrefsSlice> = (set) => ({
  prefs: prefsSpec.defaults(),
  setTheme: (theme) => set((s) => ({ prefs: { ...s.prefs, theme } })),
});
