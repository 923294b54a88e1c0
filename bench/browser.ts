// What every Chromium bench shares: Debian's Chromium with this workplace's flags, and a
// production build of the app into a folder of the bench's own (so `dist/` is left alone).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { preview } from 'vite';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** `vite build` of the app into `outDir`; `extraArgs` for e.g. `--minify false` when profiling. */
export function buildApp(outDir: string, extraArgs: readonly string[] = []): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error', ...extraArgs], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Serves the build in `outDir` with `vite preview` on 127.0.0.1, its config.json pointing at the
 * simulator with the read token (and any other settings given), as a kiosk would be set up.
 */
export async function previewApp(outDir: string, simUrl: string, settings: Record<string, unknown> = {}): Promise<{ url: string; close(): Promise<void> }> {
  const root = path.resolve(import.meta.dirname, '..');
  const configPath = path.join(outDir, 'config.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
  Object.assign(config, settings, { gitlab: { url: simUrl, token: 'glpat-sim-read' } });
  writeFileSync(configPath, JSON.stringify(config));
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  return { url: (server.resolvedUrls?.local[0] ?? '').replace(/\/+$/, ''), close: () => server.close() };
}

/** The value below which a share `p` (0–1) of the values fall. */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))] ?? 0;
}

/** The slow device profile: Chromium's CPU throttled `rate`× for this page (CDP Emulation.setCPUThrottlingRate). */
export async function throttleCpu(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}
