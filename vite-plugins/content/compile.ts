import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import {
  calloutAttrsSchema,
  compareAttrsSchema,
  diagramAttrsSchema,
  glossarySchema,
  interactiveAttrsSchema,
  lessonFrontMatterSchema,
  manifestSchema,
  reflectAttrsSchema,
  termAttrsSchema,
  type CompiledLesson,
  type ContentNode,
  type GlossaryEntry,
  type Manifest,
} from '../../src/content/schema.ts';

/** A problem in a content file, reported with the file and (where known) the line. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ContentError';
  }
}

function zodProblems(err: { issues: { path: PropertyKey[]; message: string }[] }): string[] {
  return err.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
}

export function parseManifest(source: string, file = 'content/manifest.yaml'): Manifest {
  const parsed = manifestSchema.safeParse(parseYaml(source));
  if (!parsed.success) throw new ContentError(file, zodProblems(parsed.error));
  return parsed.data;
}

export function parseGlossary(source: string, file = 'content/glossary.yaml'): GlossaryEntry[] {
  const parsed = glossarySchema.safeParse(parseYaml(source));
  if (!parsed.success) throw new ContentError(file, zodProblems(parsed.error));
  return parsed.data;
}

// --- mdast -> ContentNode -------------------------------------------------------------------

interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  url?: string;
  lang?: string | null;
  ordered?: boolean | null;
  start?: number | null;
  align?: (string | null)[] | null;
  name?: string;
  attributes?: Record<string, string | null | undefined> | null;
  children?: MdNode[];
  position?: { start: { line: number } };
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[`'’"]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function plainText(node: MdNode): string {
  if (node.value !== undefined) return node.value;
  return (node.children ?? []).map(plainText).join('');
}

interface Ctx {
  file: string;
  problems: string[];
  refs: CompiledLesson['refs'];
  slugs: Set<string>;
  /** depth of the previous heading (the page title is 1), to keep the outline without gaps */
  lastDepth: number;
}

function attrs(node: MdNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(node.attributes ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

function checkAttrs<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  node: MdNode,
  ctx: Ctx,
): T | null {
  const r = schema.safeParse(attrs(node));
  if (r.success) return r.data;
  const line = node.position?.start.line;
  for (const p of zodProblems(r.error)) ctx.problems.push(`line ${line ?? '?'}: ${node.name ?? node.type}: ${p}`);
  return null;
}

function convertChildren(node: MdNode, ctx: Ctx): ContentNode[] {
  const out: ContentNode[] = [];
  for (const c of node.children ?? []) {
    const converted = convert(c, ctx);
    if (converted) out.push(converted);
  }
  return out;
}

function convert(node: MdNode, ctx: Ctx): ContentNode | null {
  const line = node.position?.start.line ?? '?';
  switch (node.type) {
    case 'root':
      return { type: 'root', children: convertChildren(node, ctx) };
    case 'yaml':
    case 'html':
      if (node.type === 'html') ctx.problems.push(`line ${line}: raw HTML is not allowed in lessons; use a directive`);
      return null;
    case 'paragraph':
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'listItem':
    case 'blockquote':
    case 'tableRow':
    case 'tableCell':
      return { type: node.type, children: convertChildren(node, ctx) } as ContentNode;
    case 'heading': {
      const depth = node.depth ?? 2;
      if (depth === 1) ctx.problems.push(`line ${line}: use ## and ### headings; the section title is the only h1`);
      else if (depth > ctx.lastDepth + 1) ctx.problems.push(`line ${line}: heading level ${depth} follows level ${ctx.lastDepth}; do not skip levels (start with ##)`);
      ctx.lastDepth = depth;
      let slug = slugify(plainText(node)) || 'section';
      let n = 2;
      while (ctx.slugs.has(slug)) slug = `${slugify(plainText(node))}-${n++}`;
      ctx.slugs.add(slug);
      return { type: 'heading', depth, slug, children: convertChildren(node, ctx) };
    }
    case 'text':
      return { type: 'text', value: node.value ?? '' };
    case 'inlineCode':
      return { type: 'inlineCode', value: node.value ?? '' };
    case 'code':
      return { type: 'code', lang: node.lang ?? null, value: node.value ?? '' };
    case 'link': {
      const url = node.url ?? '';
      if (url.startsWith('/') || url.startsWith('#')) ctx.refs.links.push(url);
      return { type: 'link', url, children: convertChildren(node, ctx) };
    }
    case 'list':
      return { type: 'list', ordered: Boolean(node.ordered), start: node.start ?? null, children: convertChildren(node, ctx) };
    case 'table':
      return { type: 'table', align: node.align ?? [], children: convertChildren(node, ctx) };
    case 'thematicBreak':
      return { type: 'thematicBreak' };
    case 'break':
      return { type: 'break' };
    case 'containerDirective':
    case 'leafDirective':
    case 'textDirective':
      return convertDirective(node, ctx);
    case 'image':
      ctx.problems.push(`line ${line}: images are not supported; use a diagram directive with a text description`);
      return null;
    default:
      ctx.problems.push(`line ${line}: unsupported Markdown element "${node.type}"`);
      return null;
  }
}

function convertDirective(node: MdNode, ctx: Ctx): ContentNode | null {
  const line = node.position?.start.line ?? '?';
  const kind = `${node.type === 'containerDirective' ? ':::' : node.type === 'leafDirective' ? '::' : ':'}${node.name}`;
  const expect = (want: string) => {
    if (kind !== want) ctx.problems.push(`line ${line}: "${kind}" should be written "${want}"`);
  };
  switch (node.name) {
    case 'callout': {
      expect(':::callout');
      const a = checkAttrs(calloutAttrsSchema, node, ctx);
      if (!a) return null;
      return { type: 'callout', kind: a.kind, title: a.title ?? null, children: convertChildren(node, ctx) };
    }
    case 'compare': {
      expect(':::compare');
      const a = checkAttrs(compareAttrsSchema, node, ctx);
      const children = convertChildren(node, ctx);
      if (!children.some((c) => c.type === 'table')) ctx.problems.push(`line ${line}: a compare block must contain a table`);
      if (!a) return null;
      return { type: 'compare', caption: a.caption, children };
    }
    case 'diagram': {
      expect(':::diagram');
      const a = checkAttrs(diagramAttrsSchema, node, ctx);
      const children = convertChildren(node, ctx);
      if (children.length === 0) ctx.problems.push(`line ${line}: a diagram needs a text description in its body`);
      if (!a) return null;
      ctx.refs.diagrams.push(a.id);
      return { type: 'diagram', id: a.id, title: a.title, children };
    }
    case 'reflect': {
      expect(':::reflect');
      const a = checkAttrs(reflectAttrsSchema, node, ctx);
      const children = convertChildren(node, ctx);
      const cut = children.findIndex((c) => c.type === 'thematicBreak');
      const prompt = cut === -1 ? children : children.slice(0, cut);
      const reveal = cut === -1 ? [] : children.slice(cut + 1);
      if (prompt.length === 0) ctx.problems.push(`line ${line}: a reflect prompt needs a question`);
      if (!a) return null;
      ctx.refs.reflects.push(a.id);
      return { type: 'reflect', id: a.id, prompt, reveal };
    }
    case 'term': {
      expect(':term');
      const a = checkAttrs(termAttrsSchema, node, ctx);
      if (!a) return null;
      ctx.refs.terms.push(a.id);
      return { type: 'term', id: a.id, children: convertChildren(node, ctx) };
    }
    case 'interactive': {
      expect('::interactive');
      const a = checkAttrs(interactiveAttrsSchema, node, ctx);
      if (!a) return null;
      ctx.refs.interactives.push({ id: a.id, scenario: a.scenario ?? null });
      return { type: 'interactive', id: a.id, scenario: a.scenario ?? null, caption: a.caption ?? null };
    }
    default:
      // remark-directive also parses things like "10:30" or "ratio:1" as text directives.
      if (node.type === 'textDirective') return { type: 'text', value: `:${node.name ?? ''}` };
      ctx.problems.push(`line ${line}: unknown directive "${kind}"`);
      return null;
  }
}

// --- glossary auto-linking --------------------------------------------------------------------

interface TermMatcher {
  regex: RegExp;
  idByWord: Map<string, string>;
}

export function buildTermMatcher(glossary: GlossaryEntry[]): TermMatcher | null {
  const idByWord = new Map<string, string>();
  for (const e of glossary) for (const w of [e.term, ...e.aliases]) idByWord.set(w.toLowerCase(), e.id);
  if (idByWord.size === 0) return null;
  const words = [...idByWord.keys()].sort((a, b) => b.length - a.length);
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { regex: new RegExp(`(?<![\\w-])(${escaped.join('|')})(?![\\w-])`, 'gi'), idByWord };
}

const BLOCKS_THAT_LINK = new Set(['paragraph', 'listItem', 'tableCell']);
const NO_LINK_INSIDE = new Set(['heading', 'link', 'term', 'inlineCode', 'code']);

/** Marks the first appearance of each glossary term in every paragraph, list item and table cell. */
export function linkTerms(root: ContentNode, matcher: TermMatcher): void {
  const relink = (children: ContentNode[], scope: Set<string> | null): ContentNode[] => {
    const next: ContentNode[] = [];
    for (const child of children) {
      if (child.type === 'text' && scope) next.push(...splitText(child.value, matcher, scope));
      else {
        if (child.type === 'term' && scope) scope.add(child.id);
        visit(child, scope);
        next.push(child);
      }
    }
    return next;
  };
  const visit = (node: ContentNode, used: Set<string> | null): void => {
    if (NO_LINK_INSIDE.has(node.type)) return;
    if (node.type === 'reflect') {
      node.prompt = relink(node.prompt, used);
      node.reveal = relink(node.reveal, used);
      return;
    }
    if (!('children' in node)) return;
    const scope = BLOCKS_THAT_LINK.has(node.type) ? new Set<string>() : used;
    node.children = relink(node.children, scope);
  };
  visit(root, null);
}

function splitText(value: string, matcher: TermMatcher, used: Set<string>): ContentNode[] {
  const out: ContentNode[] = [];
  let last = 0;
  matcher.regex.lastIndex = 0;
  for (let m = matcher.regex.exec(value); m; m = matcher.regex.exec(value)) {
    const word = m[1] ?? '';
    const id = matcher.idByWord.get(word.toLowerCase());
    if (!id || used.has(id)) continue;
    used.add(id);
    if (m.index > last) out.push({ type: 'text', value: value.slice(last, m.index) });
    out.push({ type: 'term', id, children: [{ type: 'text', value: word }] });
    last = m.index + word.length;
  }
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}

// --- lessons ---------------------------------------------------------------------------------

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective);

export function compileLesson(source: string, file: string, glossary: GlossaryEntry[]): CompiledLesson {
  const tree = processor.runSync(processor.parse(source)) as unknown as MdNode;
  const yamlNode = tree.children?.[0]?.type === 'yaml' ? tree.children[0] : null;
  const problems: string[] = [];
  if (!yamlNode) throw new ContentError(file, ['missing YAML front matter at the top of the file']);
  const fm = lessonFrontMatterSchema.safeParse(parseYaml(yamlNode.value ?? ''));
  if (!fm.success) throw new ContentError(file, zodProblems(fm.error).map((p) => `front matter: ${p}`));
  const expectedId = file.split('/').pop()?.replace(/\.md$/, '');
  if (expectedId && fm.data.id !== expectedId) problems.push(`front matter id "${fm.data.id}" must equal the file name "${expectedId}"`);

  const ctx: Ctx = { file, problems, refs: { links: [], terms: [], diagrams: [], interactives: [], reflects: [] }, slugs: new Set(), lastDepth: 1 };
  const body = convert(tree, ctx);
  if (!body) throw new ContentError(file, ['empty lesson']);
  const matcher = buildTermMatcher(glossary);
  if (matcher) linkTerms(body, matcher);
  collectTerms(body, ctx.refs.terms);
  ctx.refs.terms = [...new Set(ctx.refs.terms)];
  if (problems.length) throw new ContentError(file, problems);
  return { meta: fm.data, body, refs: ctx.refs };
}

function collectTerms(node: ContentNode, into: string[]): void {
  if (node.type === 'term') into.push(node.id);
  if ('children' in node) node.children.forEach((c) => collectTerms(c, into));
  if (node.type === 'reflect') [...node.prompt, ...node.reveal].forEach((c) => collectTerms(c, into));
}
