// "Run with variables" (JobActions' play dialog) against the in-process simulated GitLab: the
// variables reach the job's log, keys are checked as GitLab does, the last ones are offered again.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fetchJobTrace, type Job } from '../../gitlab/index.ts';
import { REMEMBERED_VARIABLES_STORAGE_KEY } from './model/remembered-variables.ts';
import { findJob, simAdmin, simConnection } from './test-helpers.ts';
import { countingConnection, JobView, renderWithApp, setUpJobActionsTests, sim, statusText } from './job-actions-test-helpers.tsx';

setUpJobActionsTests();

describe('Run with variables', () => {
  it('runs a manual job with two variables; the job goes pending and its log prints them', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const manual = await findJob(conn, 1, (j) => j.status === 'manual' && j.name === 'deploy-production');
    renderWithApp(<JobView conn={conn} jobId={manual.id} layout="toolbar" />);
    await user.click(await screen.findByRole('button', { name: 'Run…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run deploy-production' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Key 1' }), 'REGION');
    await user.type(within(dialog).getByRole('textbox', { name: 'Value 1' }), 'eu-west-1');
    await user.click(within(dialog).getByRole('button', { name: 'Add variable' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Key 2' }), 'DRY_RUN');
    await user.type(within(dialog).getByRole('textbox', { name: 'Value 2' }), 'true');
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(statusText()).toBe('pending'));
    await simAdmin(sim, 'clock', { advance_ms: 120_000 });
    const log = await fetchJobTrace(conn, 1, manual.id);
    expect(log).toContain('REGION=eu-west-1');
    expect(log).toContain('DRY_RUN=true');
  });

  it('checks keys as GitLab does before sending, and pastes KEY=value lines', async () => {
    const user = userEvent.setup();
    const { conn, writes } = countingConnection(sim);
    const manual = await findJob(conn, 1, (j) => j.status === 'manual' && j.name === 'deploy-production');
    renderWithApp(<JobView conn={conn} jobId={manual.id} />);
    await user.click(await screen.findByRole('button', { name: 'Run…' }));
    const dialog = await screen.findByRole('dialog');
    const key1 = within(dialog).getByRole('textbox', { name: 'Key 1' });
    await user.click(key1);
    await user.paste('A=1\nMY-KEY=2\nA=3');
    expect(within(dialog).getAllByRole('textbox', { name: /^Key \d$/ }).map((i) => (i as HTMLInputElement).value)).toEqual(['A', 'MY-KEY']);
    expect((within(dialog).getByRole('textbox', { name: 'Value 1' }) as HTMLInputElement).value).toBe('3');
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    const key2 = within(dialog).getByRole('textbox', { name: 'Key 2' });
    expect(key2.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(key2.getAttribute('aria-describedby') ?? '')?.textContent).toBe('“MY-KEY” is not a valid key: use only letters, digits and _.');
    expect(document.activeElement).toBe(key2);
    await user.clear(key2);
    await user.type(key2, 'A');
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    expect(within(dialog).getByText('“A” is already used above.')).toBeTruthy();
    expect(writes).toEqual([]);
    // A .env block through the paste box.
    await user.click(within(dialog).getByRole('button', { name: 'Remove variable 2' }));
    await user.click(within(dialog).getByText('Paste KEY=value lines or a .env block'));
    await user.type(within(dialog).getByRole('textbox', { name: 'Variables as KEY=value lines' }), '# env{enter}export B="two words"{enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Add these variables' }));
    expect((within(dialog).getByRole('textbox', { name: 'Value 2' }) as HTMLInputElement).value).toBe('two words');
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes).toHaveLength(1);
  });

  it('offers the variables last used for the job name again, masked values excepted; or forgets them', async () => {
    const user = userEvent.setup();
    const conn = simConnection(sim);
    const manuals = [await findJob(conn, 1, (j) => j.status === 'manual' && j.name === 'deploy-production' && j.ref === 'main')];
    manuals.push(await findJob(conn, 1, (j) => j.status === 'manual' && j.name === 'deploy-production' && j.id !== manuals[0]?.id));
    const [first, second] = manuals as [Job, Job];
    renderWithApp(
      <>
        <JobView conn={conn} jobId={first.id} layout="toolbar" />
      </>,
    );
    await user.click(await screen.findByRole('button', { name: 'Run…' }));
    let dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: 'Key 1' }), 'REGION');
    await user.type(within(dialog).getByRole('textbox', { name: 'Value 1' }), 'eu');
    await user.click(within(dialog).getByRole('button', { name: 'Add variable' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Key 2' }), 'TOKEN');
    await user.click(within(dialog).getByRole('button', { name: 'Mask value 2' }));
    const secret = within(dialog).getByLabelText('Value 2') as HTMLInputElement;
    expect(secret.type).toBe('password');
    await user.type(secret, 'hunter2');
    // Remembering is opt-in: values may be secrets.
    const rememberBox = within(dialog).getByRole('checkbox', { name: /Remember these variables/ });
    expect((rememberBox as HTMLInputElement).checked).toBe(false);
    await user.click(rememberBox);
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(localStorage.getItem(REMEMBERED_VARIABLES_STORAGE_KEY)).toContain('REGION'));
    expect(localStorage.getItem(REMEMBERED_VARIABLES_STORAGE_KEY)).not.toContain('hunter2');
    cleanup();

    renderWithApp(<JobView conn={conn} jobId={second.id} layout="toolbar" />);
    await user.click(await screen.findByRole('button', { name: 'Run…' }));
    dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Filled in with the variables last used for deploy-production. Masked values are not remembered');
    expect((within(dialog).getByRole('textbox', { name: 'Key 1' }) as HTMLInputElement).value).toBe('REGION');
    expect((within(dialog).getByRole('textbox', { name: 'Value 1' }) as HTMLInputElement).value).toBe('eu');
    expect((within(dialog).getByLabelText('Value 2') as HTMLInputElement).value).toBe('');
    // Remembered last time: remembered again unless unticked.
    expect((within(dialog).getByRole('checkbox', { name: /Remember these variables/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Clear and forget them' }));
    expect(localStorage.getItem(REMEMBERED_VARIABLES_STORAGE_KEY)).toBeNull();
    expect((within(dialog).getByRole('textbox', { name: 'Key 1' }) as HTMLInputElement).value).toBe('');
    // "Don't remember": a run without remembering stores nothing.
    await user.type(within(dialog).getByRole('textbox', { name: 'Key 1' }), 'ONCE');
    expect((within(dialog).getByRole('checkbox', { name: /Remember these variables/ }) as HTMLInputElement).checked).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Run job' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(localStorage.getItem(REMEMBERED_VARIABLES_STORAGE_KEY)).toBeNull();
  });
});
