import { z } from 'zod/mini';
import type { StateCreator } from 'zustand';
import type { PersistedSliceSpec } from '../persist';
import type { AppState } from '../index';

/** Longest code a lab cell keeps (characters). */
export const MAX_CELL_CHARS = 50_000;

const idRecord = <T extends z.core.SomeType>(v: T) => z.record(z.string().check(z.regex(/^[a-z0-9-]{1,64}$/)), v);

export const labStateSchema = z.object({
  /** the learner's code: lab id -> cell (file) name -> source */
  code: idRecord(idRecord(z.string().check(z.maxLength(MAX_CELL_CHARS)))),
  /** steps whose checks all passed: lab id -> step id -> true */
  passed: idRecord(idRecord(z.literal(true))),
  /** the step the learner was on: lab id -> step id */
  current: idRecord(z.string().check(z.regex(/^[a-z0-9-]{1,64}$/))),
  /**
   * When each cell was last edited or reset (epoch ms, this device's clock): lab id -> cell ->
   * time. Two tabs merge cell by cell, the latest edit winning (src/store/merge.ts). Optional,
   * so older saved data and older Streamlab versions still read it.
   */
  edited: z.optional(idRecord(idRecord(z.number()))),
});
export type LabState = z.infer<typeof labStateSchema>;

export const labSpec: PersistedSliceSpec<LabState> = {
  key: 'streamlab:lab',
  slice: 'lab work',
  version: 1,
  schema: labStateSchema,
  defaults: () => ({ code: {}, passed: {}, current: {} }),
};

export interface LabSlice {
  lab: LabState;
  setLabCode: (labId: string, cell: string, code: string) => void;
  resetLabCode: (labId: string, cell: string) => void;
  setLabStepPassed: (labId: string, stepId: string, passed: boolean) => void;
  setLabCurrent: (labId: string, stepId: string) => void;
  resetLab: (labId: string) => void;
}

const editedNow = (lab: LabState, labId: string, cell: string) => ({ ...lab.edited, [labId]: { ...lab.edited?.[labId], [cell]: Date.now() } });

export const createLabSlice: StateCreator<AppState, [], [], LabSlice> = (set) => ({
  lab: labSpec.defaults(),
  setLabCode: (labId, cell, code) =>
    set((s) => ({
      lab: { ...s.lab, code: { ...s.lab.code, [labId]: { ...s.lab.code[labId], [cell]: code.slice(0, MAX_CELL_CHARS) } }, edited: editedNow(s.lab, labId, cell) },
    })),
  resetLabCode: (labId, cell) =>
    set((s) => {
      const cells = { ...s.lab.code[labId] };
      delete cells[cell];
      return { lab: { ...s.lab, code: { ...s.lab.code, [labId]: cells }, edited: editedNow(s.lab, labId, cell) } };
    }),
  setLabStepPassed: (labId, stepId, passed) =>
    set((s) => {
      const steps = { ...s.lab.passed[labId] };
      if (passed === Boolean(steps[stepId])) return s;
      if (passed) steps[stepId] = true;
      else delete steps[stepId];
      return { lab: { ...s.lab, passed: { ...s.lab.passed, [labId]: steps } } };
    }),
  setLabCurrent: (labId, stepId) =>
    set((s) => (s.lab.current[labId] === stepId ? s : { lab: { ...s.lab, current: { ...s.lab.current, [labId]: stepId } } })),
  resetLab: (labId) =>
    set((s) => {
      const code = { ...s.lab.code };
      const passed = { ...s.lab.passed };
      const current = { ...s.lab.current };
      const edited = { ...s.lab.edited };
      delete code[labId];
      delete passed[labId];
      delete current[labId];
      delete edited[labId];
      return { lab: { code, passed, current, edited } };
    }),
});
