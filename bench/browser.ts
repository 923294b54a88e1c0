// What every Chromium bench shares: Debian's Chromium with this workplace's flags, and a
// production build of the app into a folder of the bench's own (so `dist/` is left alone).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** `vite build` of the app into `outDir`; `extraArgs` for e.g. `--minify false` when profiling. */
export function buildApp(outDir: string, extraArgs: readonly string[] = []): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error', ...extraArgs], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
