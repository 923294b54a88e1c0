import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { cycleThrough, importsOf, noImportCycles } from './no-import-cycles.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-cycles-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
};
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// a -> b -> (type-only, multi-line, no extension) c -> (re-export) a; d -> a is no cycle.
const a = file('a.ts', "import { b } from './b.ts';\nimport './a.css';\nexport const a = b;\n");
const b = file('b.ts', "import type {\n  C,\n} from './c';\nexport const b = 1;\nexport type B = C;\n");
const c = file('c/index.ts', "export { a } from '../a.ts';\nexport type C = number;\n");
const d = file('d.tsx', "import { a } from './a.ts';\nconst later = () => import('./e.ts');\nexport const d = [a, later];\n");
file('e.ts', "import { d } from './d.tsx';\nexport const e = d;\n");

describe('cycleThrough', () => {
  it('reads static imports (type-only and re-exports too), not CSS or dynamic import()', () => {
    expect(importsOf(a)).toEqual([b]);
    expect(importsOf(b)).toEqual([c]);
    expect(importsOf(c)).toEqual([a]);
    expect(importsOf(d)).toEqual([a]);
  });

  it('finds the circle back to a file, and none where there is none', () => {
    expect(cycleThrough(a, b)).toEqual([a, b, c, a]);
    expect(cycleThrough(d, a)).toBeNull();
  });
});

describe('no-import-cycles', () => {
  const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
  it('reports the import that closes a circle', () => {
    tester.run('no-import-cycles', noImportCycles, {
      valid: [{ filename: d, code: fs.readFileSync(d, 'utf8') }],
      invalid: [{ filename: a, code: fs.readFileSync(a, 'utf8'), errors: [{ message: /^Import cycle: .*a\.ts -> .*b\.ts -> .*c\/index\.ts -> .*a\.ts$/ }] }],
    });
  });
});
