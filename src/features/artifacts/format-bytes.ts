/** "0 B", "812 B", "4.2 KiB", "213 MiB": sizes as the browser shows them (binary units, like GitLab's). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit] ?? 'TiB'}`;
}

/** Every terminal escape (CSI, OSC, and two-byte ones), for showing a coloured log as plain text. */
// eslint-disable-next-line no-control-regex -- ESC and BEL are the very characters removed
const ESCAPES = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** A coloured log's text without its escapes (React escapes what remains). */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, '');
}
