import type { StateCreator } from 'zustand';
import type { AppState } from '../index';

export interface Notice {
  id: string;
  tone: 'info' | 'warning' | 'error';
  text: string;
  /** one button beside the text that does what the text suggests (e.g. "Try saving again") */
  action?: { label: string; run: () => void };
}

/** Messages for the learner that are not tied to one page: unreadable saved data, failed saves. */
export interface NoticesSlice {
  notices: Notice[];
  notify: (notice: Notice) => void;
  dismissNotice: (id: string) => void;
}

export const createNoticesSlice: StateCreator<AppState, [], [], NoticesSlice> = (set) => ({
  notices: [],
  notify: (notice) => set((s) => ({ notices: [...s.notices.filter((n) => n.id !== notice.id), notice] })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
