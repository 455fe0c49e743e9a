import { useEffect, useState, type RefObject } from 'react';

/**
 * True while the element in `ref` is inside an interactive frame in presenter mode
 * (`.interactive-frame--presenting`); follows the frame's `data-presenter` flag on <html>.
 */
export function usePresenting(ref: RefObject<HTMLElement | null>): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const check = () => setOn(!!ref.current?.closest('.interactive-frame--presenting'));
    const mo = new MutationObserver(check);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-presenter'] });
    check();
    return () => mo.disconnect();
  }, [ref]);
  return on;
}
