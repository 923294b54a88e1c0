// Pure formatters shared by the duration and time-ago components (tested in format.test.ts).

/**
 * `45s`, `1m 05s`, `2h 03m 09s`: GitLab-like, zero-padded after the first unit. Under one
 * second GitLab reports fractions (`"duration": 0.173`): `0.2 s`, `< 0.1 s`, never `0s`.
 */
export function formatDuration(totalSeconds: number): string {
  if (totalSeconds > 0 && totalSeconds < 0.95) {
    const tenths = Math.round(totalSeconds * 10) / 10;
    return tenths === 0 ? '< 0.1 s' : `${tenths.toFixed(1)} s`;
  }
  const s = Math.max(0, Math.round(totalSeconds >= 1 ? Math.floor(totalSeconds) : totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (hours > 0) return `${hours}h ${pad(minutes)}m ${pad(seconds)}s`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/** An ISO 8601 duration for `<time dateTime>`. */
export function isoDuration(totalSeconds: number): string {
  const s = Math.max(0, totalSeconds);
  return `PT${s < 1 ? Number(s.toFixed(3)) : Math.floor(s)}S`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// Building an Intl formatter costs far more than using one (a table of 10,000 rows draws many times).
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let f = relativeFormats.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, f);
  }
  return f;
}
const exactFormats = new Map<string, Intl.DateTimeFormat>();
function exactFormat(locale: string | undefined): Intl.DateTimeFormat {
  const key = locale ?? '';
  let f = exactFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long' });
    exactFormats.set(key, f);
  }
  return f;
}

/** "3 minutes ago", "just now", "in 2 hours", relative to `now` (ms). */
export function formatTimeAgo(date: Date, now: number, locale?: string): string {
  const diffSeconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(diffSeconds);
  if (abs < 45) return 'just now';
  const rtf = relativeFormat(locale ?? 'en');
  for (const [unit, size] of UNITS) {
    if (abs >= size) return rtf.format(Math.round(diffSeconds / size), unit);
  }
  return rtf.format(Math.round(diffSeconds / 60) || (diffSeconds < 0 ? -1 : 1), 'minute');
}

/** The exact time both in UTC and local, for the hover title. */
export function formatExactTime(date: Date, locale?: string): string {
  const utc = date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const local = exactFormat(locale).format(date);
  return `${utc} (local: ${local})`;
}
