/// <reference types="vite-plugin-pwa/vanillajs" />

interface ImportMetaEnv {
  /**
   * Which LMS package this build is for ('' for the web build). Set by `npm run package` through
   * the STREAMLAB_LMS environment variable (see vite.config.ts); a constant, so code for the other
   * targets is left out of the bundle.
   */
  readonly STREAMLAB_LMS: '' | 'scorm12' | 'scorm2004';
  /** The quiz score (0..1) that counts as passed in an LMS package (STREAMLAB_PASS_MARK, default 0.8). */
  readonly STREAMLAB_PASS_MARK: number;
}
