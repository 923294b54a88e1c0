/**
 * The rows of the "run with variables" form: parsing pasted `KEY=value` lines or a .env
 * block, and checking keys the way GitLab does (letters, digits and `_`; no duplicates).
 */
import { isValidVariableKey, type JobVariable } from '../../../gitlab/index.ts';

export interface VariableRow {
  /** Stable identity for React while rows are added and removed. */
  id: number;
  key: string;
  value: string;
  /** Shown as dots on screen (and not remembered). */
  masked: boolean;
}

export interface RowProblem {
  rowId: number;
  field: 'key';
  message: string;
}

let nextRowId = 1;
export function newRow(init: Partial<Omit<VariableRow, 'id'>> = {}): VariableRow {
  return { id: nextRowId++, key: init.key ?? '', value: init.value ?? '', masked: init.masked ?? false };
}

function isEmptyRow(row: Pick<VariableRow, 'key' | 'value'>): boolean {
  return row.key.trim() === '' && row.value === '';
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    return v.slice(1, -1).replace(/\\(["\\nrt])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1);
  // Unquoted .env values end at an inline comment.
  return v.replace(/\s+#.*$/, '');
}

/**
 * Reads `KEY=value` lines (a .env block): blank lines and `#` comments are skipped, `export `
 * is dropped, quotes are removed. A line without `=` becomes a key with an empty value, so
 * nothing pasted silently disappears; invalid keys are kept for the form to flag.
 */
export function parseVariableLines(text: string): Array<Pick<VariableRow, 'key' | 'value'>> {
  const out: Array<Pick<VariableRow, 'key' | 'value'>> = [];
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const body = line.replace(/^export\s+/, '');
    const eq = body.indexOf('=');
    if (eq < 0) {
      out.push({ key: body.trim(), value: '' });
      continue;
    }
    out.push({ key: body.slice(0, eq).trim(), value: unquote(body.slice(eq + 1)) });
  }
  return out;
}

/** Does pasted text look like variables rather than one key? */
export function looksLikeVariableLines(text: string): boolean {
  return /[=\n]/.test(text.trim());
}

/**
 * Merges parsed lines into the rows: a key already present gets the new value, empty rows
 * are filled first, the rest is appended.
 */
export function mergeRows(rows: readonly VariableRow[], parsed: ReadonlyArray<Pick<VariableRow, 'key' | 'value'>>): VariableRow[] {
  const out = rows.map((r) => ({ ...r }));
  for (const p of parsed) {
    const same = out.find((r) => r.key.trim() !== '' && r.key.trim() === p.key);
    if (same) {
      same.value = p.value;
      continue;
    }
    const empty = out.find((r) => isEmptyRow(r));
    if (empty) {
      empty.key = p.key;
      empty.value = p.value;
    } else {
      out.push(newRow(p));
    }
  }
  return out;
}

/** The problems that stop a submit: a missing or invalid key, or a key used twice. Empty rows are ignored. */
export function validateRows(rows: readonly VariableRow[]): RowProblem[] {
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (isEmptyRow(row)) continue;
    const key = row.key.trim();
    if (key === '') {
      problems.push({ rowId: row.id, field: 'key', message: 'Enter a key for this value, or remove the row.' });
    } else if (!isValidVariableKey(key)) {
      problems.push({ rowId: row.id, field: 'key', message: `“${key}” is not a valid key: use only letters, digits and _.` });
    } else if (seen.has(key)) {
      problems.push({ rowId: row.id, field: 'key', message: `“${key}” is already used above.` });
    }
    seen.add(key);
  }
  return problems;
}

/** What GitLab receives: filled rows, keys trimmed, values as typed. */
export function rowsToVariables(rows: readonly VariableRow[]): JobVariable[] {
  return rows.filter((r) => !isEmptyRow(r)).map((r) => ({ key: r.key.trim(), value: r.value }));
}
