/** The LMS packages `npm run package` builds. */
// cmi5 is not built yet (README.md, "LMS packages", says how one would test it against an LRS).
export const LMS_TARGETS = ['scorm12', 'scorm2004'] as const;
export type LmsTarget = (typeof LMS_TARGETS)[number];

/**
 * The build's LMS target from STREAMLAB_LMS: '' (unset or empty) is the web build.
 * @throws Error naming the accepted values for anything else, so a typo fails the build.
 */
export function lmsTarget(value: string | undefined): '' | LmsTarget {
  if (!value) return '';
  if ((LMS_TARGETS as readonly string[]).includes(value)) return value as LmsTarget;
  throw new Error(`STREAMLAB_LMS="${value}" is not an LMS target; use one of ${LMS_TARGETS.join(', ')}, or leave it unset for the web build.`);
}

/** The default pass mark: 80 % of the quiz's points. */
export const DEFAULT_PASS_MARK = 0.8;

/**
 * The pass mark from STREAMLAB_PASS_MARK, as a share of the quiz's points (0..1). Accepts a share
 * ("0.75") or a percentage ("75" or "75%").
 * @throws Error for anything that is not a number from 0 to 100.
 */
export function passMark(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PASS_MARK;
  const text = value.trim();
  const n = Number(text.replace(/%$/, ''));
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new Error(`STREAMLAB_PASS_MARK="${value}" must be a share from 0 to 1 (0.8) or a percentage from 0 to 100 (80 or 80%).`);
  return text.endsWith('%') || n > 1 ? n / 100 : n;
}
