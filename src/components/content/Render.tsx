import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { ContentNode } from '../../content/schema';
import { Callout } from './Callout';
import { Compare } from './Compare';
import { Diagram } from './Diagram';
import { InteractiveSlot } from './InteractiveSlot';
import { Reflect } from './Reflect';
import { Term } from './Term';

/** Renders a compiled lesson tree with the fixed set of lesson components. */
export function RenderNodes({ nodes }: { nodes: ContentNode[] }) {
  return (
    <>
      {nodes.map((n, i) => (
        <Fragment key={i}>{renderNode(n)}</Fragment>
      ))}
    </>
  );
}

function kids(node: { children: ContentNode[] }): ReactNode {
  return <RenderNodes nodes={node.children} />;
}

export function renderNode(node: ContentNode): ReactNode {
  switch (node.type) {
    case 'root':
      return kids(node);
    case 'paragraph':
      return <p>{kids(node)}</p>;
    case 'heading': {
      const H = node.depth <= 2 ? 'h2' : node.depth === 3 ? 'h3' : 'h4';
      return <H id={node.slug}>{kids(node)}</H>;
    }
    case 'text':
      return node.value;
    case 'emphasis':
      return <em>{kids(node)}</em>;
    case 'strong':
      return <strong>{kids(node)}</strong>;
    case 'delete':
      return <del>{kids(node)}</del>;
    case 'inlineCode':
      return <code>{node.value}</code>;
    case 'code':
      return (
        <pre className="code-block" tabIndex={0} aria-label={node.lang ? `${node.lang} code` : 'code'}>
          <code>{node.value}</code>
        </pre>
      );
    case 'link':
      return node.url.startsWith('/') ? (
        <Link to={node.url}>{kids(node)}</Link>
      ) : (
        <a href={node.url} rel="noopener noreferrer" target="_blank">
          {kids(node)}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      );
    case 'list':
      return node.ordered ? <ol start={node.start ?? undefined}>{kids(node)}</ol> : <ul>{kids(node)}</ul>;
    case 'listItem':
      return <li>{unwrapTightParagraph(node.children)}</li>;
    case 'blockquote':
      return <blockquote>{kids(node)}</blockquote>;
    case 'table':
      return <Table node={node} />;
    case 'tableRow':
    case 'tableCell':
      return kids(node);
    case 'thematicBreak':
      return <hr />;
    case 'break':
      return <br />;
    case 'callout':
      return (
        <Callout kind={node.kind} title={node.title}>
          {kids(node)}
        </Callout>
      );
    case 'compare':
      return <Compare caption={node.caption} nodes={node.children} />;
    case 'diagram':
      return (
        <Diagram id={node.id} title={node.title}>
          {kids(node)}
        </Diagram>
      );
    case 'reflect':
      return <Reflect id={node.id} prompt={node.prompt} reveal={node.reveal} />;
    case 'term':
      return <Term id={node.id}>{kids(node)}</Term>;
    case 'interactive':
      return <InteractiveSlot id={node.id} scenario={node.scenario} caption={node.caption} />;
  }
}

function unwrapTightParagraph(children: ContentNode[]): ReactNode {
  const only = children[0];
  if (children.length === 1 && only?.type === 'paragraph') return <RenderNodes nodes={only.children} />;
  return <RenderNodes nodes={children} />;
}

/** A GFM table: the first row is the header; the first cell of each body row heads its row. */
export function Table({ node, caption }: { node: Extract<ContentNode, { type: 'table' }>; caption?: string }) {
  const [head, ...body] = node.children as Extract<ContentNode, { type: 'tableRow' }>[];
  const align = (i: number) => (node.align[i] ?? undefined) as React.CSSProperties['textAlign'];
  return (
    <div className="table-scroll" role="region" aria-label={caption ?? 'Table'} tabIndex={0}>
      <table>
        {caption ? <caption>{caption}</caption> : null}
        {head ? (
          <thead>
            <tr>
              {head.children.map((cell, i) => (
                <th key={i} scope="col" style={{ textAlign: align(i) }}>
                  {renderNode(cell)}
                </th>
              ))}
            </tr>
          </thead>
        ) : null}
        <tbody>
          {body.map((row, r) => (
            <tr key={r}>
              {row.children.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row" style={{ textAlign: align(i) }}>
                    {renderNode(cell)}
                  </th>
                ) : (
                  <td key={i} style={{ textAlign: align(i) }}>
                    {renderNode(cell)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
