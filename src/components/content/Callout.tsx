import type { ReactNode } from 'react';

const kindLabel = { note: 'Note', tip: 'Tip', warning: 'Warning', danger: 'Danger' } as const;
const kindIcon = { note: 'i', tip: '✓', warning: '!', danger: '‼' } as const;

export function Callout({ kind, title, children }: { kind: keyof typeof kindLabel; title: string | null; children: ReactNode }) {
  return (
    <div className={`callout callout--${kind}`} role="note" aria-label={title ? `${kindLabel[kind]}: ${title}` : kindLabel[kind]}>
      <p className="callout__title">
        <span className="callout__icon" aria-hidden="true">
          {kindIcon[kind]}
        </span>
        <span className="callout__kind">{kindLabel[kind]}</span>
        {title ? <span className="callout__heading">{title}</span> : null}
      </p>
      <div className="callout__body">{children}</div>
    </div>
  );
}
