// @ts-check
/**
 * A small ESLint rule for the dependency direction of DESIGN.md: relative imports are resolved
 * against the importing file and checked against zones ("files under `target` may not import
 * from `from`, except from `except`"). Written here instead of taken from a plugin: the plugins
 * that do this pull in native resolver bindings whose lock-file entries break `npm ci`
 * (see docs/decisions/0009-own-boundary-rule.md).
 */
import path from 'node:path';

/** @typedef {{ target: string | string[]; from: string | string[]; except?: string[]; message: string }} Zone */

const root = process.cwd();

/** @param {string} p */
const rel = (p) => path.relative(root, p).split(path.sep).join('/');
/** @param {string} file @param {string} dir */
const inside = (file, dir) => {
  const d = dir.replace(/^\.\//, '').replace(/\/$/, '');
  return file === d || file.startsWith(`${d}/`);
};
/** @param {string | string[]} v */
const list = (v) => (Array.isArray(v) ? v : [v]);

/** @type {import('eslint').Rule.RuleModule} */
export const layerBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports in the direction DESIGN.md gives (gitlab/ui/config -> features -> app).' },
    schema: [{ type: 'object', properties: { zones: { type: 'array' } }, additionalProperties: false }],
  },
  create(context) {
    /** @type {Zone[]} */
    const zones = context.options[0]?.zones ?? [];
    const file = rel(context.filename);
    const active = zones.filter((z) => list(z.target).some((t) => inside(file, t)));
    if (active.length === 0) return {};

    /** @param {import('estree').Node} node @param {unknown} source */
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = rel(path.resolve(path.dirname(context.filename), source));
      for (const zone of active) {
        const fromDirs = list(zone.from);
        const hit = fromDirs.find((f) => inside(target, f));
        if (!hit) continue;
        const excepted = (zone.except ?? []).some((e) => inside(target, path.posix.join(hit.replace(/^\.\//, ''), e)));
        // An import from the file's own zone folder is always allowed (a feature importing itself).
        if (excepted) continue;
        context.report({ node, message: zone.message });
        return;
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};
