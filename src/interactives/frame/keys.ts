/**
 * Which keys belong to a focused control and which to the interactive's shortcuts. Pure (no
 * React), so the end-to-end tests can import the list the shortcut dialog shows.
 */

/**
 * The only keys the interactive leaves to a focused control, because that control needs them.
 * The shortcut list shows these; every other shortcut works wherever focus is on the page (or,
 * for an interactive in a lesson, anywhere inside it). Escape always leaves presenter mode.
 */
export const KEY_EXCEPTIONS: readonly string[] = [
  'In a text or number box, keys type into the box (Escape still leaves presenter mode).',
  'In a drop-down list, the arrow keys, Space, Enter and letters choose an option.',
  'On a focused button, link or checkbox, Space and Enter press it.',
  'On a slider, the arrow keys, Home and End move it (Space still plays or pauses, and Page Up and Page Down still go to the scripted moments).',
  'On radio buttons and tabs, the arrow keys move between them.',
  'While this list is open, Escape closes it.',
];

/** True where keys type text (text boxes, number boxes, drop-down lists): shortcuts stay away. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || el.isContentEditable) return true;
  if (tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    // a slider types nothing: it keeps only its arrows, Home and End (see controlOwnsKey)
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type);
  }
  return false;
}

/** Keys a focused control needs for itself (see KEY_EXCEPTIONS, which says the same in words). */
export function controlOwnsKey(target: EventTarget | null, key: string): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const activating = key === ' ' || key === 'Enter';
  const arrows = key.startsWith('Arrow') || key === 'Home' || key === 'End';
  const tag = el.tagName;
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return activating;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    // a slider has no use for Space or Enter: Space plays or pauses even there
    if (type === 'range') return arrows;
    if (type === 'radio') return activating || arrows;
    return activating;
  }
  const role = el.getAttribute('role');
  if (role === 'slider') return arrows;
  if (role === 'radio' || role === 'tab' || role === 'listbox' || role === 'option') return activating || arrows;
  if (role === 'button' || role === 'switch' || role === 'checkbox') return activating;
  return false;
}

