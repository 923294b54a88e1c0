import { describe, expect, it } from 'vitest';
import { createLogIndex } from './log-index.ts';
import { initiallyCollapsed, rowOfLine, sectionPath, visibleRows } from './folding.ts';

const E = '\x1b';
const start = (name: string, opts = '') => `${E}[0Ksection_start:1:${name}${opts}\r${E}[0K`;
const end = (name: string) => `${E}[0Ksection_end:2:${name}\r${E}[0K`;

// 0 top, 1 A header, 2 a1, 3 B header, 4 b1, 5 B end, 6 a2, 7 A end, 8 bottom
const LOG = ['top', `${start('a', '[collapsed=true]')}A`, 'a1', `${start('b')}B`, 'b1', end('b'), 'a2', end('a'), 'bottom'].join('\n');

function idx() {
  const ix = createLogIndex();
  ix.append(LOG);
  return ix;
}

describe('visibleRows', () => {
  it.each<[string, number[], number[]]>([
    ['nothing collapsed (marker-only lines hidden)', [], [0, 1, 2, 3, 4, 6, 8]],
    ['outer collapsed', [0], [0, 1, 8]],
    ['inner collapsed', [1], [0, 1, 2, 3, 6, 8]],
    ['both collapsed', [0, 1], [0, 1, 8]],
    ['unknown ids ignored', [42], [0, 1, 2, 3, 4, 6, 8]],
  ])('%s', (_name, collapsed, rows) => {
    expect(Array.from(visibleRows(idx(), collapsed))).toEqual(rows);
  });

  it('can keep marker-only lines', () => {
    expect(visibleRows(idx(), [], { hideMarkerLines: false })).toHaveLength(9);
  });

  it('starts from the sections marked collapsed', () => {
    expect(initiallyCollapsed(idx().sections)).toEqual([0]);
  });
});

describe('rowOfLine and sectionPath', () => {
  it('finds the row of a line, or the nearest visible one before it', () => {
    const rows = visibleRows(idx(), [0]);
    expect(rowOfLine(rows, 8)).toBe(2);
    expect(rowOfLine(rows, 4)).toBe(1);
    expect(rowOfLine(new Uint32Array(0), 3)).toBe(-1);
  });

  it('lists the sections to expand to reveal a line', () => {
    const ix = idx();
    expect(sectionPath(ix.sections, ix.lineSection(4))).toEqual([0, 1]);
    expect(sectionPath(ix.sections, -1)).toEqual([]);
  });
});
