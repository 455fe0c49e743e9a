import { config } from 'zod/v4/core';

// zod builds fast parsers with `new Function` unless told not to, and probes for it when a schema
// is created. The site's Content Security Policy forbids eval (vite-plugins/csp.ts), and a
// browser reports even a caught probe as a violation, so zod runs without code generation. This
// module must be imported before any schema is created: main.tsx imports it first.
config({ jitless: true });
