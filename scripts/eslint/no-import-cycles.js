// @ts-check
/**
 * Import cycles, found by a small rule of our own (decision 0009: the plugins that do this pull
 * in native resolver bindings that break `npm ci`). Each file's static relative imports
 * (`import`, `export … from`, type-only ones included; not `import()`, which loads later) are read
 * from disk with a regex, once per file and change; from the linted file the rule follows them
 * and reports the first import that leads back to it, with the whole circle.
 */
import fs from 'node:fs';
import path from 'node:path';

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
const EXTENSIONS = ['', '.ts', '.tsx', '.js', '/index.ts', '/index.tsx', '/index.js'];

/** @type {Map<string, { mtime: number; imports: string[] }>} */
const cache = new Map();

/** @param {string} from @param {string} spec */
function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (/\.(?:ts|tsx|js)$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The files a file imports statically (resolved, existing, code only). @param {string} file */
export function importsOf(file) {
  let mtime;
  try {
    mtime = fs.statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const hit = cache.get(file);
  if (hit && hit.mtime === mtime) return hit.imports;
  const text = fs.readFileSync(file, 'utf8');
  const imports = [];
  for (const m of text.matchAll(STATIC_IMPORT)) {
    const target = m[1] ? resolve(file, m[1]) : null;
    if (target) imports.push(target);
  }
  cache.set(file, { mtime, imports });
  return imports;
}

/** A path of imports from `start` back to `start`, or null. @param {string} start @param {string} first */
export function cycleThrough(start, first) {
  /** @type {Map<string, string | null>} file -> the file that led to it */
  const seen = new Map([[first, null]]);
  const queue = [first];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const next of importsOf(file)) {
      if (next === start) {
        const chain = [file];
        for (let at = seen.get(file); at; at = seen.get(at)) chain.unshift(at);
        return [start, ...chain, start];
      }
      if (!seen.has(next)) {
        seen.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

const root = process.cwd();
/** @param {string} p */
const rel = (p) => path.relative(root, p).split(path.sep).join('/');

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'No module may import itself through others (type-only imports included).' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    /** @param {import('estree').Node} node @param {unknown} source */
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(file, source);
      if (!target) return;
      const cycle = target === file ? [file, file] : cycleThrough(file, target);
      if (cycle) context.report({ node, message: `Import cycle: ${cycle.map(rel).join(' -> ')}` });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
    };
  },
};
