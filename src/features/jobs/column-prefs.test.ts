import { describe, expect, it } from 'vitest';
import { COLUMN_PREFS_KEY, defaultColumnPrefs, loadColumnPrefs, moveColumn, sanitizeColumnPrefs, saveColumnPrefs, setColumnVisible } from './column-prefs.ts';

function memory() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('column preferences', () => {
  it('defaults to GitLab’s order with queued and created hidden', () => {
    const prefs = defaultColumnPrefs();
    expect(prefs.order[0]).toBe('job');
    expect(prefs.order).not.toContain('status');
    expect(prefs.order.at(-1)).toBe('actions');
    expect(prefs.visible.queued).toBe(false);
    expect(prefs.visible.created).toBe(false);
    expect(prefs.visible.runner).toBe(true);
  });

  it('round-trips through storage', () => {
    const storage = memory();
    const prefs = setColumnVisible(moveColumn(defaultColumnPrefs(), 'stage', -1), 'runner', false);
    saveColumnPrefs(storage, prefs);
    expect(storage.map.has(COLUMN_PREFS_KEY)).toBe(true);
    expect(loadColumnPrefs(storage)).toEqual(prefs);
    expect(prefs.order.slice(0, 2)).toEqual(['stage', 'job']);
  });

  it('repairs what it cannot trust: bad JSON, unknown ids, missing new columns, the fixed status column', () => {
    expect(loadColumnPrefs({ getItem: () => '{not json' })).toEqual(defaultColumnPrefs());
    const prefs = sanitizeColumnPrefs({ order: ['runner', 'bogus', 'runner', 'status', 3], visible: { stage: false, status: false, user: 'no' } });
    expect(prefs.order[0]).toBe('runner');
    expect(prefs.order).toHaveLength(defaultColumnPrefs().order.length);
    expect(prefs.visible.stage).toBe(false);
    expect(prefs.visible.status).toBe(true);
    expect(prefs.visible.user).toBe(true);
  });

  it('does not move past either end', () => {
    const prefs = defaultColumnPrefs();
    expect(moveColumn(prefs, 'job', -1)).toBe(prefs);
    expect(moveColumn(prefs, 'actions', 1)).toBe(prefs);
  });
});
