import { useId, type ReactNode } from 'react';
import { diagrams } from '../../diagrams';

/**
 * A figure drawn by code, with its full text description underneath: the description carries
 * the same facts as the picture, so nobody depends on seeing it.
 */
export function Diagram({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const Drawing = diagrams[id];
  const descId = useId();
  return (
    <figure className="diagram" aria-labelledby={`${descId}-title`}>
      <p className="diagram__title" id={`${descId}-title`}>
        {title}
      </p>
      {Drawing ? (
        <div className="diagram__drawing">
          <Drawing titleId={`${descId}-title`} descId={descId} />
        </div>
      ) : null}
      <figcaption id={descId} className="diagram__description">
        <details open={!Drawing}>
          <summary>Text description of the diagram</summary>
          {children}
        </details>
      </figcaption>
    </figure>
  );
}
