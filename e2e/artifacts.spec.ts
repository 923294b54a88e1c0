import type { Page } from '@playwright/test';
import { expect, test, TOKENS } from './fixtures.ts';

interface JobRow {
  id: number;
  name: string;
  artifacts_file?: { size?: number } | null;
  erased_at?: string | null;
}

/** A job of the demo project with kept or expiring artifacts (the seeded `compile`). */
async function compileJob(simUrl: string): Promise<JobRow> {
  const res = await fetch(`${simUrl}/api/v4/projects/1/jobs?scope[]=success&per_page=100`, { headers: { 'PRIVATE-TOKEN': TOKENS.api } });
  const body: unknown = await res.json();
  if (!res.ok || !Array.isArray(body)) throw new Error(`the job list answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
  const jobs = body as JobRow[];
  const job = jobs.find((j) => j.name === 'compile' && j.artifacts_file && !j.erased_at);
  if (!job) throw new Error('no compile job with artifacts');
  return job;
}

/** Knobs the fixture's typed helper does not list (api_version, artifacts_redirect). */
async function faults(simUrl: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${simUrl}/-/sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.ok).toBe(true);
}

const browseUrl = (jobId: number, ...path: string[]) => `/acme/platform/backend/-/jobs/${jobId}/artifacts/browse${path.map((p) => `/${encodeURIComponent(p)}`).join('')}`;

async function openBrowser(page: Page, jobId: number, ...path: string[]): Promise<void> {
  await page.goto(browseUrl(jobId, ...path));
  await expect(page.getByRole('heading', { name: 'Artifacts', level: 1 })).toBeVisible();
}

test.describe('The artifact browser', () => {
  test.afterEach(async ({ sim }) => {
    await faults(sim.url, { api_version: '18.8.2-ee', artifacts_redirect: false });
  });

  test('browse into a nested folder, by the breadcrumbs back out', async ({ page, connect, sim, expectAccessible }) => {
    const job = await compileJob(sim.url);
    await connect(page);
    await openBrowser(page, job.id);
    await expect(page.getByText('Listed by GitLab.')).toBeVisible();
    for (const folder of ['src', 'lib', 'deep', 'nested']) await page.getByRole('link', { name: `Folder ${folder}` }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}/artifacts/browse/src/lib/deep/nested$`));
    await expect(page.getByRole('link', { name: 'notes.txt' })).toBeVisible();
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    await expect(crumbs.getByRole('listitem')).toHaveText(['Artifacts', 'src', 'lib', 'deep', 'nested']);
    await page.getByRole('link', { name: 'notes.txt' }).click();
    await expect(page.getByRole('region', { name: 'Contents of notes.txt' })).toContainText('Three levels deep.');
    await expectAccessible(page, 'the artifact browser with a text preview');
    await crumbs.getByRole('link', { name: 'Artifacts' }).click();
    await expect(page.getByRole('link', { name: 'Folder reports' })).toBeVisible();
    // A reload of a deep link with a unicode name opens the same file.
    await page.goto(browseUrl(job.id, 'docs', 'Release notes – Überblick ✓ 2024.md'));
    await expect(page.getByRole('region', { name: 'Contents of Release notes – Überblick ✓ 2024.md' })).toContainText('naïve café, 日本語');
  });

  test('preview a JUnit report: failed cases first, with their messages', async ({ page, connect, sim, expectAccessible }) => {
    const job = await compileJob(sim.url);
    await connect(page);
    await openBrowser(page, job.id, 'reports');
    await page.getByRole('link', { name: 'junit.xml' }).click();
    const report = page.getByRole('region', { name: 'Test report junit.xml' });
    await expect(report.getByText(/^Failing:/)).toBeVisible();
    const cases = report.getByRole('list', { name: 'Test cases of API::Ci::Jobs' }).getByRole('listitem');
    await expect(cases.first()).toContainText('Failed');
    await expect(cases.first()).toContainText('POST /projects/:id/jobs/:job_id/retry retries a failed job');
    await expect(cases.first()).toContainText('expected: 201');
    await expect(report).toContainText('parses <script>alert(1)</script> & "quotes" as text');
    await expectAccessible(page, 'a JUnit report');
  });

  test('preview a coloured build log through the job log’s viewer: colours kept, markup from the file shown as text', async ({ page, connect, sim }) => {
    const job = await compileJob(sim.url);
    await connect(page);
    await openBrowser(page, job.id, 'build', 'output.log');
    const log = page.getByRole('region', { name: 'Contents of output.log' });
    await expect(log).toContainText('==> Building compile');
    await expect(log).toContainText('<img src=x onerror=alert(1)> is not a valid artifact name');
    await expect(log).not.toContainText('\u001b');
    expect(await log.locator('img').count()).toBe(0);
    // At least one span carries a colour from the log's escapes.
    expect(await log.locator('span[style*="color"], span[class*="fg"], span[class*="ansi"]').count()).toBeGreaterThan(0);
  });

  test('download one file: fetched with the token in a header, saved under its name', async ({ page, connect, sim }) => {
    const job = await compileJob(sim.url);
    await connect(page);
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await openBrowser(page, job.id, 'data', 'summary.json');
    await expect(page.getByRole('region', { name: 'Contents of summary.json' })).toContainText('"note": "Generated by gitlab-sim <b>not HTML</b> ✓"');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download summary.json' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('summary.json');
    const path = await file.path();
    const { readFile } = await import('node:fs/promises');
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ job: 'compile' });
    expect(urls.some((u) => u.includes(TOKENS.api))).toBe(false);
  });

  test('the latest artifacts of a job on a ref: archive and one file', async ({ page, connect, sim, expectAccessible }) => {
    const job = await compileJob(sim.url);
    await connect(page);
    await openBrowser(page, job.id);
    await page.getByText('Latest artifacts of a job on a branch or tag').click();
    const form = page.getByRole('form', { name: 'Latest artifacts by ref' });
    await expect(form.getByLabel('Job name')).toHaveValue('compile');
    await expectAccessible(page, 'the by-ref download form');
    const archive = page.waitForEvent('download');
    await form.getByRole('button', { name: 'Download latest archive' }).click();
    expect((await archive).suggestedFilename()).toMatch(/^compile-.+-artifacts\.zip$/);
    await form.getByLabel('File path in the archive').fill('reports/junit.xml');
    const one = page.waitForEvent('download');
    await form.getByRole('button', { name: 'Download latest file' }).click();
    expect((await one).suggestedFilename()).toBe('junit.xml');
  });

  test('an HTML or SVG artifact that tries to run a script or read the app’s storage fails', async ({ page, connect, sim }) => {
    const job = await compileJob(sim.url);
    await connect(page);
    // Every request the artifact's markup makes (its <img src="x">, the script's attacker URLs) and
    // what became of it. Chromium's preload scanner sometimes tries the image before the frame's
    // CSP meta is parsed; the CSP then blocks it ("csp") before it leaves the browser, which is
    // fine. Anything else (finished, or failed on the network) would be a leak.
    const outside = new Map<string, string>();
    const isOutside = (url: string) => url.includes('attacker.example') || /\/x$/.test(new URL(url).pathname);
    page.on('request', (r) => {
      if (isOutside(r.url())) outside.set(r.url(), 'pending');
    });
    page.on('requestfailed', (r) => {
      if (isOutside(r.url())) outside.set(r.url(), r.failure()?.errorText ?? 'failed');
    });
    page.on('requestfinished', (r) => {
      if (isOutside(r.url())) outside.set(r.url(), 'finished');
    });
    await openBrowser(page, job.id, 'evil', 'steal.html');
    await page.evaluate(() => {
      localStorage.setItem('artifact-e2e-marker', 'untouched');
      const w = window as Window & { __stolen?: unknown[] };
      w.__stolen = [];
      window.addEventListener('message', (e) => {
        const data = e.data as { type?: string } | null;
        if (data?.type === 'artifact-steal') w.__stolen?.push(data);
      });
    });
    const appUrl = page.url();
    // Source first: the file's markup is text on the page.
    await expect(page.getByRole('region', { name: 'Contents of steal.html' })).toContainText('<script>');
    await page.getByRole('button', { name: 'Render in a sandbox' }).click();
    const frameEl = page.locator('iframe[title="HTML artifact evil/steal.html"]');
    await expect(frameEl).toHaveAttribute('sandbox', '');
    const frame = page.frames().find((f) => f !== page.mainFrame() && f.parentFrame() === page.mainFrame());
    expect(frame).toBeTruthy();
    if (!frame) return;
    await expect.poll(() => frame.evaluate(() => document.getElementById('result')?.textContent ?? '')).toBe('script did not run');
    expect(await frame.evaluate(() => document.body.hasAttribute('data-onerror-ran'))).toBe(false);
    expect(await frame.evaluate(() => location.origin)).toBe('null');
    expect(
      await frame.evaluate(() => {
        try {
          return `read ${String(window.localStorage.length)}`;
        } catch (e) {
          return (e as Error).name;
        }
      }),
    ).toBe('SecurityError');

    await page.getByRole('link', { name: 'image.svg' }).click();
    await expect(page.getByRole('region', { name: 'Contents of image.svg' })).toContainText('<script');
    await page.getByRole('button', { name: 'Render in a sandbox' }).click();
    await expect(page.locator('iframe[title="SVG artifact evil/image.svg"]')).toHaveAttribute('sandbox', '');
    // The HTML preview has left the page; the one child frame is the SVG's.
    await expect.poll(() => page.frames().filter((f) => f.parentFrame() === page.mainFrame()).length).toBe(1);
    const svgFrame = page.frames().find((f) => f.parentFrame() === page.mainFrame());
    expect(svgFrame).toBeTruthy();
    if (!svgFrame) return;
    await expect.poll(() => svgFrame.evaluate(() => document.querySelector('svg') !== null)).toBe(true);
    expect(await svgFrame.evaluate(() => document.querySelector('svg')?.hasAttribute('data-onload-ran') ?? true)).toBe(false);
    expect(await svgFrame.evaluate(() => location.origin)).toBe('null');

    expect(page.url()).toBe(appUrl.replace(/steal\.html$/, 'image.svg'));
    expect(await page.evaluate(() => (window as Window & { __stolen?: unknown[] }).__stolen?.length ?? -1)).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('artifact-e2e-marker'))).toBe('untouched');
    expect(await page.evaluate(() => localStorage.getItem('svg-was-here'))).toBeNull();
    await expect.poll(() => [...outside.values()].includes('pending')).toBe(false);
    expect([...outside].filter(([, fate]) => fate !== 'csp')).toEqual([]);
  });

  test('GitLab 17 (no tree endpoint): the listing comes from the zip’s central directory by Range requests', async ({ page, connect, sim }) => {
    const job = await compileJob(sim.url);
    await faults(sim.url, { api_version: '17' });
    await connect(page);
    const ranges: string[] = [];
    page.on('request', (r) => {
      const range = r.headers()['range'];
      if (range && /\/jobs\/\d+\/artifacts$/.test(new URL(r.url()).pathname)) ranges.push(range);
    });
    await openBrowser(page, job.id);
    await expect(page.getByText(/Read from the archive's index: .* of .* fetched\./)).toBeVisible();
    await page.getByRole('link', { name: 'Folder reports' }).click();
    await page.getByRole('link', { name: 'junit.xml' }).click();
    await expect(page.getByRole('region', { name: 'Test report junit.xml' })).toBeVisible();
    expect(ranges[0]).toMatch(/^bytes=-\d+$/);
  });

  test('an archive in object storage without CORS gets a clear message and the plain link', async ({ page, connect, sim, expectAccessible }) => {
    const job = await compileJob(sim.url);
    await faults(sim.url, { api_version: '17', artifacts_redirect: true });
    await connect(page);
    await openBrowser(page, job.id);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('object storage that this site may not read');
    const link = alert.getByRole('link', { name: 'Download the archive from GitLab' });
    await expect(link).toHaveAttribute('href', `${sim.url}/api/v4/projects/1/jobs/${job.id}/artifacts`);
    await expectAccessible(page, 'the storage-CORS message');
    // Downloading the archive through the page says the same and offers the same link.
    await page.getByRole('button', { name: 'Download archive' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'may not read' })).toContainText('Download it from GitLab directly');
  });
});
