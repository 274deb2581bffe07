// Imported first by extension.ts: the time the extension bundle started evaluating (before the other modules'
// top-level code), so the activation log can report module loading as well as activate()'s own body.
import { performance } from 'node:perf_hooks';

export const moduleLoadStart = performance.now();
