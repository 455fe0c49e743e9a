// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, matchRoutes, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { RenderNodes } from '../components/content/Render';
import { diagrams } from '../diagrams';
import { knownInteractiveIds } from '../interactives/registry';
import { routes } from '../routes';
import { loadContentFromDisk, scenarioIdsOnDisk } from './load-from-disk';
import type { ContentNode } from './schema';

const content = loadContentFromDisk();
const scenarioIds = new Set(scenarioIdsOnDisk());

function headingSlugs(node: ContentNode, into = new Set<string>()): Set<string> {
  if (node.type === 'heading') into.add(node.slug);
  if ('children' in node) node.children.forEach((c) => headingSlugs(c, into));
  return into;
}

function isRealRoute(path: string): boolean {
  const matches = matchRoutes(routes, path);
  const last = matches?.[matches.length - 1];
  return Boolean(last && last.route.path !== '*');
}

describe('content manifest', () => {
  it('lists sections whose lesson files exist, and every lesson file is listed', () => {
    for (const id of content.manifest.sections) expect(content.lessons.has(id), `content/lessons/${id}.md`).toBe(true);
    const listed = new Set(content.manifest.sections);
    const orphans = content.lessonFiles.map((f) => f.replace(/\.md$/, '')).filter((id) => !listed.has(id));
    expect(orphans, 'lesson files missing from manifest.yaml').toEqual([]);
  });
});

describe.each([...content.lessons.entries()])('lesson %s', (id, lesson) => {
  it('links only to pages and anchors that exist', () => {
    for (const url of lesson.refs.links) {
      const [path = '', anchor] = url.split('#');
      if (path === '' && anchor) {
        expect(headingSlugs(lesson.body).has(anchor), `${url} (no such heading in ${id})`).toBe(true);
        continue;
      }
      expect(isRealRoute(path), `${url} (no such page)`).toBe(true);
      const target = path.match(/^\/learn\/([^/]+)$/)?.[1];
      if (target) {
        const other = content.lessons.get(target);
        expect(other, `${url} (no such section)`).toBeDefined();
        if (anchor && other) expect(headingSlugs(other.body).has(anchor), `${url} (no such heading)`).toBe(true);
      }
      if (path === '/glossary' && anchor) expect(content.glossary.some((g) => g.id === anchor), `${url} (no such term)`).toBe(true);
    }
  });

  it('uses only glossary terms, diagrams, interactives and scenarios that exist', () => {
    const termIds = new Set(content.glossary.map((g) => g.id));
    for (const t of lesson.refs.terms) expect(termIds.has(t), `term ${t}`).toBe(true);
    for (const d of lesson.refs.diagrams) expect(diagrams[d], `diagram ${d}`).toBeDefined();
    for (const i of lesson.refs.interactives) {
      expect(knownInteractiveIds as readonly string[], `interactive ${i.id}`).toContain(i.id);
      if (i.scenario && scenarioIds.size > 0) expect(scenarioIds.has(i.scenario), `scenario ${i.scenario}`).toBe(true);
    }
  });

  it('renders every heading, and shows no placeholder text', () => {
    const router = createMemoryRouter([{ path: '*', element: <RenderNodes nodes={[lesson.body]} /> }], { initialEntries: ['/'] });
    const { container, unmount } = render(<RouterProvider router={router} />);
    const expected = [...headingSlugs(lesson.body)];
    for (const slug of expected) expect(container.querySelector(`#${CSS.escape(slug)}`), `heading #${slug}`).not.toBeNull();
    expect(container.textContent?.length ?? 0).toBeGreaterThan(400);
    expect(container.textContent).not.toMatch(/coming soon|\bTODO\b|\bTBD\b|lorem ipsum|placeholder/i);
    unmount();
  });
});

describe('module-wide checks', () => {
  it('gives every reflection prompt a unique id', () => {
    const all = [...content.lessons.values()].flatMap((l) => l.refs.reflects);
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all).size).toBe(all.length);
  });

  it('defines the five key terms of the source module', () => {
    const terms = content.glossary.map((g) => g.term.toLowerCase());
    for (const t of ['topic', 'consumer group', 'idempotency', 'backpressure', 'consumer lag']) expect(terms).toContain(t);
  });

  it('marks glossary terms in the running text of most sections', () => {
    const withTerms = [...content.lessons.values()].filter((l) => l.refs.terms.length > 0);
    expect(withTerms.length).toBeGreaterThanOrEqual(Math.ceil(content.lessons.size * 0.75));
  });

  it('renders a glossary term with its definition as a tooltip', () => {
    const g = content.glossary[0]!;
    const node: ContentNode = { type: 'paragraph', children: [{ type: 'term', id: g.id, children: [{ type: 'text', value: g.term }] }] };
    const router = createMemoryRouter([{ path: '*', element: <RenderNodes nodes={[node]} /> }]);
    render(<RouterProvider router={router} />);
    expect(screen.getByRole('link', { name: g.term })).toHaveAttribute('href', `/glossary#${g.id}`);
    expect(screen.getByRole('tooltip', { hidden: true })).toHaveTextContent(g.definition.slice(0, 30));
  });

  it('shows backticked names in a glossary tooltip as code, without the backticks', () => {
    const g = content.glossary.find((e) => e.id === 'idempotent-producer')!;
    expect(g.definition).toContain('`enable.idempotence`');
    const node: ContentNode = { type: 'paragraph', children: [{ type: 'term', id: g.id, children: [{ type: 'text', value: g.term }] }] };
    const router = createMemoryRouter([{ path: '*', element: <RenderNodes nodes={[node]} /> }]);
    const { container, unmount } = render(<RouterProvider router={router} />);
    const tip = container.querySelector('[role="tooltip"]')!;
    expect([...tip.querySelectorAll('code')].map((c) => c.textContent)).toContain('enable.idempotence');
    expect(tip.textContent).not.toContain('`');
    unmount();
  });
});
