import type { DiagramProps } from './index';

interface Row {
  y: number;
  title: string;
  buffers: { fill: number; capacity: number; label: string; unbounded?: boolean }[];
  stages: { name: string; note: string; state: 'slowed' | 'ok' | 'slow' | 'crashed' }[];
}

const rows: Row[] = [
  {
    y: 40,
    title: 'Every buffer bounded: the slow-down travels upstream, stage by stage',
    stages: [
      { name: 'Stage A (ingest)', note: 'blocked: sends at 100/s', state: 'slowed' },
      { name: 'Stage B (enrich)', note: 'blocked: sends at 100/s', state: 'slowed' },
      { name: 'Stage C (database)', note: 'slow: 100/s', state: 'slow' },
    ],
    buffers: [
      { fill: 8, capacity: 8, label: 'full 8/8' },
      { fill: 8, capacity: 8, label: 'full 8/8' },
    ],
  },
  {
    y: 236,
    title: 'An unbounded middle buffer: the signal never arrives, memory grows until the crash',
    stages: [
      { name: 'Stage A (ingest)', note: 'unaware: 1,000/s', state: 'ok' },
      { name: 'Stage B (enrich)', note: 'out of memory: crashed', state: 'crashed' },
      { name: 'Stage C (database)', note: 'slow: 100/s', state: 'slow' },
    ],
    buffers: [
      { fill: 3, capacity: 8, label: 'flowing 3/8' },
      { fill: 8, capacity: 8, label: 'unbounded: 3.2 M queued', unbounded: true },
    ],
  },
];

const stageX = [20, 300, 580];
const bufferX = [190, 470];

/** Two rows: bounded buffers propagate pressure back to the source; an unbounded one hides it. */
export function BackpressurePropagation({ titleId, descId }: DiagramProps) {
  return (
    <svg viewBox="0 0 760 384" role="img" aria-labelledby={titleId} aria-describedby={descId} className="diagram-svg">
      <defs>
        <marker id="bp-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="d-fill-ink" />
        </marker>
        <marker id="bp-arrow-warn" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="d-fill-warn" />
        </marker>
      </defs>
      {rows.map((row, r) => (
        <g key={r}>
          <text x="10" y={row.y} className="d-label">
            {row.title}
          </text>
          {row.stages.map((s, i) => (
            <g key={s.name}>
              <rect x={stageX[i]} y={row.y + 20} width="160" height="62" rx="8" className={`d-box d-stage--${s.state}`} />
              <text x={(stageX[i] ?? 0) + 80} y={row.y + 46} textAnchor="middle" className="d-label">
                {s.name}
              </text>
              <text x={(stageX[i] ?? 0) + 80} y={row.y + 68} textAnchor="middle" className="d-small">
                {s.note}
              </text>
            </g>
          ))}
          {row.buffers.map((b, i) => {
            const x = bufferX[i] ?? 0;
            return (
              <g key={i}>
                <line x1={x - 10} y1={row.y + 51} x2={x} y2={row.y + 51} className="d-line" />
                <rect x={x} y={row.y + 36} width="100" height="30" rx="4" className={b.unbounded ? 'd-box d-buffer--unbounded' : 'd-box'} />
                {Array.from({ length: b.capacity }, (_, k) => (
                  <rect key={k} x={x + 4 + k * 12} y={row.y + 41} width="9" height="20" rx="2" className={k < b.fill ? (b.unbounded ? 'd-cell d-cell--warn' : 'd-cell d-cell--full') : 'd-cell'} />
                ))}
                <line x1={x + 100} y1={row.y + 51} x2={x + 110} y2={row.y + 51} className="d-line" markerEnd="url(#bp-arrow)" />
                <text x={x + 50} y={row.y + 100} textAnchor="middle" className="d-small">
                  {b.label}
                </text>
              </g>
            );
          })}
          {r === 0 ? (
            <>
              <path d={`M 630 ${row.y + 125} C 560 ${row.y + 145}, 420 ${row.y + 145}, 370 ${row.y + 125}`} className="d-line d-line--warn" markerEnd="url(#bp-arrow-warn)" />
              <path d={`M 350 ${row.y + 125} C 280 ${row.y + 145}, 140 ${row.y + 145}, 90 ${row.y + 125}`} className="d-line d-line--warn" markerEnd="url(#bp-arrow-warn)" />
              <text x="380" y={row.y + 150} textAnchor="middle" className="d-small d-warn-text">
                “slow down”: each full buffer blocks the stage before it
              </text>
            </>
          ) : (
            <text x="380" y={row.y + 130} textAnchor="middle" className="d-small d-warn-text">
              No signal reaches Stage A; the queue in front of C grows until Stage B runs out of memory and loses it all
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
