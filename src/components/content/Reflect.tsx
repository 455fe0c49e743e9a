import { useId, useState } from 'react';
import type { ContentNode } from '../../content/schema';
import { useStore } from '../../store';
import { RenderNodes } from './Render';

/**
 * A question to stop and think about, with notes saved in this browser (in an LMS package, also in
 * the resume state sent to the LMS while it fits: src/lms/resume.ts).
 */
export function Reflect({ id, prompt, reveal }: { id: string; prompt: ContentNode[]; reveal: ContentNode[] }) {
  const note = useStore((s) => s.progress.notes[id] ?? '');
  const setNote = useStore((s) => s.setNote);
  const [open, setOpen] = useState(false);
  const uid = useId();
  return (
    <section className="reflect" aria-labelledby={`${uid}-h`}>
      <p className="reflect__label" id={`${uid}-h`}>
        Stop and think
      </p>
      <div className="reflect__prompt">
        <RenderNodes nodes={prompt} />
      </div>
      <label className="reflect__notes-label" htmlFor={`${uid}-notes`}>
        {import.meta.env.STREAMLAB_LMS ? 'Your answer (saved in this browser, and with your course record when there is room)' : 'Your answer (saved in this browser only)'}
      </label>
      <textarea id={`${uid}-notes`} className="reflect__notes" rows={3} value={note} onChange={(e) => setNote(id, e.target.value)} />
      {reveal.length > 0 ? (
        <>
          <button type="button" className="button button--quiet" aria-expanded={open} aria-controls={`${uid}-reveal`} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide our take' : 'Compare with our take'}
          </button>
          <div id={`${uid}-reveal`} className="reflect__reveal" hidden={!open}>
            <RenderNodes nodes={reveal} />
          </div>
        </>
      ) : null}
    </section>
  );
}
