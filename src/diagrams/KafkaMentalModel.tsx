import type { DiagramProps } from './index';

// Broker ids from 0, as Kafka numbers them (and the simulator: partition p is led by broker p % 3);
// consumers named <group>-<n>, as in the visualiser and the lab.
const partitions = [
  { id: 0, leader: 0, followers: [1, 2], owner: 'billing-1' },
  { id: 1, leader: 1, followers: [2, 0], owner: 'billing-1' },
  { id: 2, leader: 2, followers: [0, 1], owner: 'billing-2' },
];

/** Producer -> topic of three replicated partitions -> one consumer group of two. */
export function KafkaMentalModel({ titleId, descId }: DiagramProps) {
  const laneY = (i: number) => 70 + i * 70;
  return (
    <svg viewBox="0 0 760 300" role="img" aria-labelledby={titleId} aria-describedby={descId} className="diagram-svg">
      <defs>
        <marker id="kmm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="d-fill-ink" />
        </marker>
      </defs>
      <g>
        <rect x="10" y="120" width="110" height="60" rx="8" className="d-box d-box--accent" />
        <text x="65" y="146" textAnchor="middle" className="d-label">Producer</text>
        <text x="65" y="166" textAnchor="middle" className="d-small">key = user_id</text>
      </g>
      <text x="360" y="30" textAnchor="middle" className="d-label">Topic “orders” (3 partitions, replication factor 3)</text>
      {partitions.map((p, i) => (
        <g key={p.id}>
          <line x1="120" y1="150" x2="200" y2={laneY(i) + 20} className="d-line" markerEnd="url(#kmm-arrow)" />
          <rect x="205" y={laneY(i)} width="300" height="40" rx="6" className="d-box" />
          {Array.from({ length: 8 }, (_, k) => (
            <rect key={k} x={212 + k * 30} y={laneY(i) + 8} width="24" height="24" rx="3" className={k < 6 - i ? 'd-cell d-cell--full' : 'd-cell'} />
          ))}
          <text x="215" y={laneY(i) - 6} className="d-small">
            Partition {p.id}: leader broker {p.leader}, followers {p.followers.join(' and ')}
          </text>
          <line x1="505" y1={laneY(i) + 20} x2="585" y2={p.owner === 'billing-1' ? 125 : 215} className="d-line" markerEnd="url(#kmm-arrow)" />
        </g>
      ))}
      <rect x="575" y="60" width="175" height="220" rx="10" className="d-group" />
      <text x="662" y="82" textAnchor="middle" className="d-label">Group “billing”</text>
      <rect x="590" y="100" width="145" height="50" rx="8" className="d-box d-box--accent" />
      <text x="662" y="130" textAnchor="middle" className="d-label">billing-1: P0, P1</text>
      <rect x="590" y="190" width="145" height="50" rx="8" className="d-box d-box--accent" />
      <text x="662" y="220" textAnchor="middle" className="d-label">billing-2: P2</text>
    </svg>
  );
}
