import type { ContentNode } from '../../content/schema';
import { RenderNodes, Table } from './Render';

/** A comparison table with a caption that says what is being compared. */
export function Compare({ caption, nodes }: { caption: string; nodes: ContentNode[] }) {
  return (
    <figure className="compare">
      {nodes.map((n, i) =>
        n.type === 'table' ? <Table key={i} node={n} caption={caption} /> : <RenderNodes key={i} nodes={[n]} />,
      )}
    </figure>
  );
}
