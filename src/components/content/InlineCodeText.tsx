import { Fragment } from 'react';

/**
 * Plain text in which `backticked` spans are shown as inline code, for short strings that do not
 * go through the lesson compiler (glossary definitions in tooltips and on the glossary page).
 * An unmatched backtick is shown as it is.
 */
export function InlineCodeText({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}
    </>
  );
}
