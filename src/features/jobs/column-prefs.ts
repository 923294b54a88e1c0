import * as z from 'zod/mini';
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

/**
 * What may be stored, checked like the network boundary: a field that is not what it should be
 * is dropped alone (null), and so is a bad entry of the order or of the visibility map.
 */
const StoredColumnPrefsSchema = z.catch(
  z.nullable(
    z.object({
      order: z.catch(z.optional(z.array(z.catch(z.nullable(z.string()), null))), undefined),
      visible: z.catch(z.optional(z.record(z.string(), z.catch(z.nullable(z.boolean()), null))), undefined),
    }),
  ),
  null,
);

/** Whatever was stored, made valid: unknown ids dropped, new columns added where they belong by default. */
export function sanitizeColumnPrefs(raw: unknown): ColumnPrefs {
  const prefs = defaultColumnPrefs();
  const stored = StoredColumnPrefsSchema.parse(raw);
  if (stored?.order) {
    const known = stored.order.filter((id): id is string => id !== null && CONFIGURABLE.includes(id));
    const unique = [...new Set(known)];
    const missing = CONFIGURABLE.filter((id) => !unique.includes(id));
    prefs.order = [...unique, ...missing];
  }
  for (const [id, shown] of Object.entries(stored?.visible ?? {})) {
    if (CONFIGURABLE.includes(id) && shown !== null) prefs.visible[id] = shown;
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
