/**
 * `npm run bench -- <name…>`: runs the named benches (all when none) and prints one JSON
 * object per bench on stdout. Each bench module exports `run(): Promise<object>`.
 */
const benches: Record<string, () => Promise<{ run: () => Promise<Record<string, unknown>> }>> = {
  log: () => import('./log.ts'),
  artifacts: () => import('./artifacts.ts'),
  graph: () => import('./graph.ts'),
  'job-list': () => import('./job-list.ts'),
  bundle: () => import('./bundle.ts'),
  failures: () => import('./failures.ts'),
  wall: () => import('./wall.ts'),
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = names.length > 0 ? names : Object.keys(benches);

for (const name of selected) {
  const load = benches[name];
  if (!load) {
    console.error(`unknown bench "${name}"; known: ${Object.keys(benches).join(', ')}`);
    process.exitCode = 1;
    continue;
  }
  const mod = await load();
  console.log(JSON.stringify(await mod.run()));
}

export {};
