import { z } from 'zod';

// Schemas for everything under content/. They run at build time (vite-plugins/content)
// and in the tests; the runtime receives content that has already passed them.

export const sectionIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'section ids are kebab-case (a-z, 0-9, single dashes)');

export const manifestSchema = z
  .object({
    module: z
      .object({
        title: z.string().min(3),
        summary: z.string().min(20),
        audience: z.string().min(3).optional(),
      })
      .strict(),
    sections: z.array(sectionIdSchema).min(1),
  })
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.sections.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['sections', i], message: `section "${id}" is listed twice` });
      seen.add(id);
    });
  });
export type Manifest = z.infer<typeof manifestSchema>;

export const lessonFrontMatterSchema = z
  .object({
    id: sectionIdSchema,
    title: z.string().min(3).max(90),
    summary: z.string().min(10).max(300),
    /** time to work through the section: reading and playing, or for a lab, doing the whole lab */
    minutes: z.number().int().min(1).max(120),
    objectives: z.array(z.string().min(5)).min(1).max(6),
    /** a hands-on lab's section: its minutes are the lab's, counted apart from the reading time */
    kind: z.enum(['lesson', 'lab']).optional(),
  })
  .strict();
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;

export const glossaryEntrySchema = z
  .object({
    id: sectionIdSchema,
    term: z.string().min(2),
    aliases: z.array(z.string().min(2)).default([]),
    definition: z.string().min(10),
    /** where the definition's facts come from (a KIP, a Kafka config or class, Kafka's docs); shown under it */
    source: z.string().min(3).optional(),
  })
  .strict();
export const glossarySchema = z.array(glossaryEntrySchema).min(1).superRefine((entries, ctx) => {
  const ids = new Set<string>();
  const words = new Map<string, string>();
  entries.forEach((e, i) => {
    if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `glossary id "${e.id}" is used twice` });
    ids.add(e.id);
    for (const w of [e.term, ...e.aliases]) {
      const k = w.toLowerCase();
      const other = words.get(k);
      if (other && other !== e.id) ctx.addIssue({ code: 'custom', path: [i], message: `"${w}" names both ${other} and ${e.id}` });
      words.set(k, e.id);
    }
  });
});
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

export const calloutKinds = ['note', 'tip', 'warning', 'danger'] as const;
export const calloutAttrsSchema = z.object({ kind: z.enum(calloutKinds), title: z.string().optional() }).strict();
export const compareAttrsSchema = z.object({ caption: z.string().min(3) }).strict();
export const diagramAttrsSchema = z.object({ id: sectionIdSchema, title: z.string().min(3) }).strict();
export const reflectAttrsSchema = z.object({ id: sectionIdSchema }).strict();
export const termAttrsSchema = z.object({ id: sectionIdSchema }).strict();
export const interactiveAttrsSchema = z
  .object({ id: sectionIdSchema, scenario: sectionIdSchema.optional(), caption: z.string().optional() })
  .strict();

/** The compiled, position-free tree that a lesson file becomes. */
export type ContentNode =
  | { type: 'root'; children: ContentNode[] }
  | { type: 'paragraph'; children: ContentNode[] }
  | { type: 'heading'; depth: number; slug: string; children: ContentNode[] }
  | { type: 'text'; value: string }
  | { type: 'emphasis'; children: ContentNode[] }
  | { type: 'strong'; children: ContentNode[] }
  | { type: 'delete'; children: ContentNode[] }
  | { type: 'inlineCode'; value: string }
  | { type: 'code'; lang: string | null; value: string }
  | { type: 'link'; url: string; children: ContentNode[] }
  | { type: 'list'; ordered: boolean; start: number | null; children: ContentNode[] }
  | { type: 'listItem'; children: ContentNode[] }
  | { type: 'blockquote'; children: ContentNode[] }
  | { type: 'table'; align: (string | null)[]; children: ContentNode[] }
  | { type: 'tableRow'; children: ContentNode[] }
  | { type: 'tableCell'; children: ContentNode[] }
  | { type: 'thematicBreak' }
  | { type: 'break' }
  | { type: 'callout'; kind: (typeof calloutKinds)[number]; title: string | null; children: ContentNode[] }
  | { type: 'compare'; caption: string; children: ContentNode[] }
  | { type: 'diagram'; id: string; title: string; children: ContentNode[] }
  | { type: 'reflect'; id: string; prompt: ContentNode[]; reveal: ContentNode[] }
  | { type: 'term'; id: string; children: ContentNode[] }
  | { type: 'interactive'; id: string; scenario: string | null; caption: string | null };

export interface CompiledLesson {
  meta: LessonFrontMatter;
  body: ContentNode;
  /** Every internal link target, glossary term, diagram and interactive the lesson uses (for checks). */
  refs: { links: string[]; terms: string[]; diagrams: string[]; interactives: { id: string; scenario: string | null }[]; reflects: string[] };
}
