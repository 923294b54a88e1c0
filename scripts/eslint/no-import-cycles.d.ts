import type { Rule } from 'eslint';

/** The files a file imports statically (resolved, existing, code only). */
export function importsOf(file: string): string[];
/** A path of imports from `start` back to `start` through `first`, or null. */
export function cycleThrough(start: string, first: string): string[] | null;
export const noImportCycles: Rule.RuleModule;
