/**
 * Lab definitions: steps as data (content/labs/<lab>/lab.json, validated here), starter code
 * (content/labs/<lab>/starter/*.ts) and the kit, whose src/*.ts files are the reference solutions.
 */
import { z } from 'zod';
import { checkIds, type CheckId } from './checks.ts';
import lab31 from '../../content/labs/lab-3-1/lab.json';

const starterFiles = import.meta.glob<string>('../../content/labs/*/starter/*.ts', { query: '?raw', import: 'default', eager: true });
const kitFiles = import.meta.glob<string>(['../../content/labs/*/kit/*.{md,json,yml}', '../../content/labs/*/kit/src/*.ts', '../../content/labs/*/kit/.gitignore'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

const cellName = z.string().regex(/^[a-z][a-z0-9-]{0,40}$/);

export const faultSchema = z.strictObject({
  kind: z.literal('crash-before-commit'),
  group: z.string().min(1),
  afterMessages: z.int().min(1).max(1000),
});

export const stepSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
  title: z.string().min(3),
  extra: z.boolean(),
  cell: cellName,
  runs: z.array(cellName).min(1),
  faults: z.array(faultSchema).optional(),
  checks: z.array(z.enum(checkIds as [CheckId, ...CheckId[]])).min(1),
  body: z.array(z.string().min(1)).min(1),
});

export const labSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string(),
    lesson: z.string(),
    summary: z.string(),
    steps: z.array(stepSchema).min(1),
  })
  .superRefine((lab, ctx) => {
    const ids = new Set<string>();
    lab.steps.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id ${s.id}` });
      ids.add(s.id);
      if (!s.runs.includes(s.cell)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'runs'], message: `runs must include the step's own cell ${s.cell}` });
      for (const r of s.runs) {
        if (!lab.steps.slice(0, i + 1).some((p) => p.cell === r)) {
          ctx.addIssue({ code: 'custom', path: ['steps', i, 'runs'], message: `${r} is not the cell of this or an earlier step` });
        }
      }
    });
  });

export type LabStep = z.infer<typeof stepSchema>;

export interface Lab extends z.infer<typeof labSchema> {
  starter: Record<string, string>;
  solution: Record<string, string>;
  /** kit files by path inside the kit folder, e.g. "src/producer.ts" */
  kit: Record<string, string>;
}

function filesUnder(files: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) if (path.startsWith(prefix)) out[path.slice(prefix.length)] = text;
  return out;
}

function build(raw: unknown): Lab {
  const lab = labSchema.parse(raw);
  const base = `../../content/labs/${lab.id}/`;
  const starterAll = filesUnder(starterFiles, `${base}starter/`);
  const kit = filesUnder(kitFiles, `${base}kit/`);
  const starter: Record<string, string> = {};
  const solution: Record<string, string> = {};
  for (const s of lab.steps) {
    const st = starterAll[`${s.cell}.ts`];
    const sol = kit[`src/${s.cell}.ts`];
    if (st === undefined || sol === undefined) throw new Error(`lab ${lab.id}: step ${s.id} needs starter/${s.cell}.ts and kit/src/${s.cell}.ts`);
    starter[s.cell] = st;
    solution[s.cell] = sol;
  }
  return { ...lab, starter, solution, kit };
}

export const labs: Readonly<Record<string, Lab>> = Object.assign(Object.create(null) as Record<string, Lab>, { 'lab-3-1': build(lab31) });
const labsById = new Map(Object.entries(labs));

/**
 * The lab with this id, or undefined. Ids come from URLs (`#/labs/<id>`), so the lookup is a Map:
 * `constructor`, `__proto__` and the like are unknown labs.
 */
export function labById(id: string): Lab | undefined {
  return labsById.get(id);
}
