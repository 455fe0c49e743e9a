/**
 * The lab's code editor: CodeMirror 6 with TypeScript highlighting, line numbers, bracket
 * matching, undo history and auto-indent. Tab indents (Shift+Tab outdents); to leave the editor
 * with the keyboard, press Escape and then Tab (or Shift+Tab), or Ctrl+M to make Tab move focus
 * until pressed again: CodeMirror's own tab-focus mode, the WAI-ARIA practice for a widget that
 * uses Tab. Ctrl+Enter (Cmd+Enter) runs the step. The line of a reported error is marked.
 *
 * CodeMirror owns its DOM; this component creates the view once and pushes changes of `value`
 * and `errorLine` into it as transactions.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState, RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

const setErrorLine = StateEffect.define<number | null>();

/** The marked line (1-based) as a line decoration; cleared by any edit. */
const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = tr.docChanged ? Decoration.none : deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setErrorLine)) continue;
      next = Decoration.none;
      const n = e.value;
      if (n !== null && n >= 1 && n <= tr.state.doc.lines) {
        const b = new RangeSetBuilder<Decoration>();
        const line = tr.state.doc.line(n);
        b.add(line.from, line.from, Decoration.line({ class: 'cm-lab-error-line', attributes: { 'data-error-line': String(n) } }));
        next = b.finish();
      }
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export interface CodeEditorHandle {
  /** focuses the editor and selects the given 1-based line */
  goToLine: (line: number) => void;
  focus: () => void;
}

export interface CodeEditorProps {
  value: string;
  onChange: (code: string) => void;
  /** Ctrl/Cmd+Enter */
  onRun: () => void;
  /** accessible name of the editing area */
  label: string;
  /** id of the help text (keys) */
  describedBy: string;
  /** the reported error's 1-based line to mark, or null; a new object marks it again (a new run) */
  error: { line: number } | null;
  /** ids for tests and labels */
  id: string;
}

export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor({ value, onChange, onRun, label, describedBy, error, id }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The latest callbacks, read by the (once-created) editor's listeners.
  const cb = useRef({ onChange, onRun });
  useEffect(() => {
    cb.current = { onChange, onRun };
  });

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const extensions: Extension[] = [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      history(),
      indentOnInput(),
      bracketMatching(),
      syntaxHighlighting(classHighlighter),
      javascript({ typescript: true }),
      EditorState.tabSize.of(2),
      errorLineField,
      keymap.of([
        {
          key: 'Mod-Enter',
          run: () => {
            cb.current.onRun();
            return true;
          },
        },
        indentWithTab,
        ...defaultKeymap,
        ...historyKeymap,
      ]),
      // tabindex makes the (already focusable) editing area count as keyboard access to its scroller for checkers such as axe.
      EditorView.contentAttributes.of({ 'aria-label': label, 'aria-describedby': describedBy, 'aria-keyshortcuts': 'Control+Enter', id, tabindex: '0' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) cb.current.onChange(u.state.doc.toString());
      }),
    ];
    const v = new EditorView({ parent, state: EditorState.create({ doc: value, extensions }) });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view is made once per mount (the step panel remounts per step); value and error changes are pushed below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Outside changes (reset, solution, share link) replace the text; the learner's own typing already matches.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const current = v.state.doc.toString();
    if (current !== value) v.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorLine.of(error?.line ?? null) });
  }, [error]);

  useImperativeHandle(ref, () => ({
    focus: () => view.current?.focus(),
    goToLine: (n: number) => {
      const v = view.current;
      if (!v) return;
      const line = v.state.doc.line(Math.min(Math.max(1, n), v.state.doc.lines));
      v.dispatch({ selection: { anchor: line.from, head: line.to }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
      v.focus();
    },
  }));

  return <div ref={host} className="lab-editor" data-lab-editor="" />;
});
