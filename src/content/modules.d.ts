declare module '*.md' {
  const lesson: import('./schema').CompiledLesson;
  export default lesson;
}
declare module '*/manifest.yaml' {
  const manifest: import('./schema').Manifest;
  export default manifest;
}
declare module '*/glossary.yaml' {
  const glossary: import('./schema').GlossaryEntry[];
  export default glossary;
}
declare module '*.yaml' {
  const data: unknown;
  export default data;
}
declare module 'virtual:streamlab/lesson-index' {
  export const moduleInfo: import('./schema').Manifest['module'];
  export const sections: import('./schema').LessonFrontMatter[];
}

declare module 'virtual:streamlab/lab-runtime' {
  /** the lab sandbox's runtime as one IIFE script (vite-plugins/lab-runtime.ts) */
  const source: string;
  export default source;
}
