// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { formatMinutes, labMinutes, sections, totalMinutes } from '../content';
import { Home } from './Home';

describe('the module’s length on the home page', () => {
  it('gives the lab its real length, apart from the reading time, as its own page says it', () => {
    const lab = sections.find((s) => s.kind === 'lab');
    expect(lab?.id).toBe('lab-3-1');
    // The lab's own text states its length; the front matter agrees with it.
    const text = readFileSync(`content/lessons/${lab!.id}.md`, 'utf8');
    const stated = Number(/\*\*Time:\*\* about (\d+) minutes/.exec(text)?.[1]);
    expect(lab!.minutes).toBe(stated);
    expect(labMinutes).toBe(stated);
    expect(totalMinutes).toBe(sections.filter((s) => s.kind !== 'lab').reduce((n, s) => n + s.minutes, 0));

    render(<RouterProvider router={createMemoryRouter([{ path: '/', element: <Home /> }])} />);
    expect(screen.getByText(`about ${formatMinutes(totalMinutes)} to read and play, plus about 1 h 30 min for the lab`)).toBeInTheDocument();
    const card = screen.getByRole('link', { name: lab!.title }).closest('li')!;
    expect(within(card).getByText('hands-on lab, about 1 h 30 min')).toBeInTheDocument();
  });
});
