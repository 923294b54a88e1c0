import { ACTIONS_COLUMN, JOB_COLUMN_INFO } from './job-columns.tsx';

/** Which columns a person shows, in which order; kept in the browser between visits. */
export interface ColumnPrefs {
  /** Configurable column ids, in display order. */
  order: string[];
  /** Column id → shown. */
  visible: Record<string, boolean>;
}

export const COLUMN_PREFS_KEY = 'ci-dashboard:job-list:columns:v1';

const ALL = [...JOB_COLUMN_INFO, ACTIONS_COLUMN];
const CONFIGURABLE = ALL.filter((c) => c.configurable).map((c) => c.id);

export function defaultColumnPrefs(): ColumnPrefs {
  return { order: [...CONFIGURABLE], visible: Object.fromEntries(ALL.map((c) => [c.id, c.visibleByDefault])) };
}

/** Whatever was stored, made valid: unknown ids dropped, new columns added where they belong by default. */
export function sanitizeColumnPrefs(raw: unknown): ColumnPrefs {
  const prefs = defaultColumnPrefs();
  if (typeof raw !== 'object' || raw === null) return prefs;
  const r = raw as { order?: unknown; visible?: unknown };
  if (Array.isArray(r.order)) {
    const known = r.order.filter((id): id is string => typeof id === 'string' && CONFIGURABLE.includes(id));
    const unique = [...new Set(known)];
    const missing = CONFIGURABLE.filter((id) => !unique.includes(id));
    prefs.order = [...unique, ...missing];
  }
  if (typeof r.visible === 'object' && r.visible !== null) {
    for (const [id, shown] of Object.entries(r.visible as Record<string, unknown>)) {
      if (CONFIGURABLE.includes(id) && typeof shown === 'boolean') prefs.visible[id] = shown;
    }
  }
  return prefs;
}

export function loadColumnPrefs(storage: Pick<Storage, 'getItem'> | undefined): ColumnPrefs {
  try {
    const text = storage?.getItem(COLUMN_PREFS_KEY);
    return sanitizeColumnPrefs(text ? (JSON.parse(text) as unknown) : null);
  } catch {
    return defaultColumnPrefs();
  }
}

export function saveColumnPrefs(storage: Pick<Storage, 'setItem'> | undefined, prefs: ColumnPrefs): void {
  try {
    storage?.setItem(COLUMN_PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // A full or blocked storage only means the choice is not remembered.
  }
}

/** Moves a column one place up (-1) or down (+1) in the order. */
export function moveColumn(prefs: ColumnPrefs, id: string, delta: -1 | 1): ColumnPrefs {
  const i = prefs.order.indexOf(id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= prefs.order.length) return prefs;
  const order = [...prefs.order];
  [order[i], order[j]] = [order[j] as string, order[i] as string];
  return { ...prefs, order };
}

export function setColumnVisible(prefs: ColumnPrefs, id: string, shown: boolean): ColumnPrefs {
  if (!CONFIGURABLE.includes(id)) return prefs;
  return { ...prefs, visible: { ...prefs.visible, [id]: shown } };
}
