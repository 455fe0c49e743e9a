import { describe, expect, it } from 'vitest';
import type { ContentNode } from '../../src/content/schema';
import { compileLesson, ContentError, parseGlossary, parseManifest } from './compile';

const glossary = parseGlossary(`
- id: consumer-lag
  term: consumer lag
  aliases: [lag]
  definition: How far a group is behind the end of the log.
- id: partition
  term: partition
  aliases: [partitions]
  definition: One ordered, append-only slice of a topic.
`);

const fm = (id = 'demo') => `---\nid: ${id}\ntitle: Demo section\nsummary: A section used by the compiler tests.\nminutes: 3\nobjectives:\n  - Check the compiler.\n---\n`;

function find(node: ContentNode, type: ContentNode['type']): ContentNode[] {
  const out: ContentNode[] = node.type === type ? [node] : [];
  if ('children' in node) for (const c of node.children) out.push(...find(c, type));
  if (node.type === 'reflect') for (const c of [...node.prompt, ...node.reveal]) out.push(...find(c, type));
  return out;
}

describe('compileLesson', () => {
  it('compiles front matter, headings with slugs and every directive', () => {
    const src = `${fm()}
## Why it matters

:::callout{kind="warning" title="Bound it"}
Queues fill up.
:::

:::compare{caption="Two models"}
| | A | B |
| --- | --- | --- |
| one | x | y |
:::

:::diagram{id="backpressure-propagation" title="A chain"}
Three stages in a row.
:::

:::reflect{id="think-1"}
What happens?

---

This happens.
:::

::interactive{id="partition-visualiser" scenario="four-partitions-six-consumers"}

See :term[the lag]{id="consumer-lag"} and [the glossary](/glossary#partition).
`;
    const lesson = compileLesson(src, 'content/lessons/demo.md', glossary);
    expect(lesson.meta.title).toBe('Demo section');
    expect(find(lesson.body, 'heading')).toEqual([expect.objectContaining({ slug: 'why-it-matters', depth: 2 })]);
    expect(find(lesson.body, 'callout')).toEqual([expect.objectContaining({ kind: 'warning', title: 'Bound it' })]);
    expect(find(lesson.body, 'compare')).toHaveLength(1);
    expect(lesson.refs.diagrams).toEqual(['backpressure-propagation']);
    const [reflect] = find(lesson.body, 'reflect');
    expect(reflect).toMatchObject({ id: 'think-1' });
    if (reflect?.type === 'reflect') {
      expect(reflect.prompt).toHaveLength(1);
      expect(reflect.reveal).toHaveLength(1);
    }
    expect(lesson.refs.interactives).toEqual([{ id: 'partition-visualiser', scenario: 'four-partitions-six-consumers' }]);
    expect(lesson.refs.links).toEqual(['/glossary#partition']);
    expect(lesson.refs.terms).toContain('consumer-lag');
  });

  it('marks a glossary term once per paragraph, and not inside headings, links or code', () => {
    const src = `${fm()}
## Partition basics

A partition is ordered; each partition has a leader. Watch lag and \`partition\`.

Another paragraph about partitions and [partition docs](/glossary#partition).
`;
    const lesson = compileLesson(src, 'content/lessons/demo.md', glossary);
    const terms = find(lesson.body, 'term');
    expect(terms.map((t) => (t.type === 'term' ? t.id : ''))).toEqual(['partition', 'consumer-lag', 'partition']);
    expect(find(lesson.body, 'heading')[0]).toMatchObject({ children: [{ type: 'text', value: 'Partition basics' }] });
  });

  it('rejects bad front matter, unknown directives, bad attributes and raw HTML with the line', () => {
    expect(() => compileLesson('## no front matter', 'content/lessons/x.md', glossary)).toThrow(ContentError);
    expect(() => compileLesson(`${fm('other')}\nText.`, 'content/lessons/demo.md', glossary)).toThrow(/must equal the file name/);
    expect(() => compileLesson(`${fm()}\n:::sparkle\nx\n:::`, 'content/lessons/demo.md', glossary)).toThrow(/unknown directive ":::sparkle"/);
    expect(() => compileLesson(`${fm()}\n:::callout{kind="loud"}\nx\n:::`, 'content/lessons/demo.md', glossary)).toThrow(/line 10: callout: kind/);
    expect(() => compileLesson(`${fm()}\n<div>raw</div>`, 'content/lessons/demo.md', glossary)).toThrow(/raw HTML/);
    expect(() => compileLesson(`${fm()}\n# Title again`, 'content/lessons/demo.md', glossary)).toThrow(/only h1/);
    expect(() => compileLesson(`${fm()}\n### Too deep first`, 'content/lessons/demo.md', glossary)).toThrow(/do not skip levels/);
  });

  it('keeps times such as 10:30 as text rather than directives', () => {
    const lesson = compileLesson(`${fm()}\nMeet at 10:30 today.`, 'content/lessons/demo.md', glossary);
    expect(JSON.stringify(lesson.body)).toContain('10');
    expect(JSON.stringify(lesson.body)).toContain(':30');
  });
});

describe('manifest and glossary schemas', () => {
  it('rejects duplicate sections and bad ids', () => {
    expect(() => parseManifest('module: {title: Streamlab, summary: "A module summary long enough."}\nsections: [a, a]')).toThrow(/listed twice/);
    expect(() => parseManifest('module: {title: Streamlab, summary: "A module summary long enough."}\nsections: [Bad_Id]')).toThrow(/kebab-case/);
  });
  it('rejects a word that names two glossary terms', () => {
    expect(() =>
      parseGlossary('- {id: a-b, term: alpha, aliases: [shared], definition: "first definition"}\n- {id: c-d, term: gamma, aliases: [shared], definition: "second definition"}'),
    ).toThrow(/names both/);
  });
});
