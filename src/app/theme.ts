/** Applies config.json's theme: "system" follows prefers-color-scheme (the stylesheet's default). */
export function applyTheme(theme: 'system' | 'light' | 'dark', root: HTMLElement = document.documentElement): void {
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}
