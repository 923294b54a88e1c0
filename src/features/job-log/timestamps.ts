/** How runner timestamps (FF_TIMESTAMPS) are shown beside each line. */
export type TimestampMode = 'hidden' | 'utc' | 'local' | 'relative';

export const TIMESTAMP_MODES: readonly { value: TimestampMode; label: string }[] = [
  { value: 'hidden', label: 'Hidden' },
  { value: 'utc', label: 'UTC' },
  { value: 'local', label: 'Local time' },
  { value: 'relative', label: 'Since job start' },
];

export function isTimestampMode(value: string | null | undefined): value is TimestampMode {
  return value === 'hidden' || value === 'utc' || value === 'local' || value === 'relative';
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

let localFormat: Intl.DateTimeFormat | null = null;

/**
 * A line's time in the chosen mode: `12:43:46.962` (UTC or local) or `+01:02.500` since
 * `origin` (the job's start, unix ms). '' when the line has no time (NaN).
 */
export function formatLineTime(ms: number, mode: TimestampMode, origin?: number, timeZone?: string): string {
  if (!Number.isFinite(ms) || mode === 'hidden') return '';
  if (mode === 'utc') {
    const d = new Date(ms);
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  }
  if (mode === 'local') {
    const fmt =
      timeZone !== undefined
        ? new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hour12: false, timeZone })
        : (localFormat ??= new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hour12: false }));
    return fmt.format(new Date(ms));
  }
  const base = origin !== undefined && Number.isFinite(origin) ? origin : ms;
  const diff = ms - base;
  const sign = diff < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(diff));
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const frac = abs % 1000;
  return h > 0 ? `${sign}${h}:${pad(m)}:${pad(s)}.${pad(frac, 3)}` : `${sign}${pad(m)}:${pad(s)}.${pad(frac, 3)}`;
}

/** The mode after `mode` in the menu's order (the `t` shortcut), wrapping round. */
export function nextTimestampMode(mode: TimestampMode): TimestampMode {
  return TIMESTAMP_MODES[(TIMESTAMP_MODES.findIndex((x) => x.value === mode) + 1) % TIMESTAMP_MODES.length]?.value ?? 'utc';
}
