import { useCallback } from 'react';
import { useHref, useNavigate } from 'react-router';
import { projectPath, type ToastLink } from '../../ui/index.ts';

/**
 * Links to a job of the project for toasts: a real href (with the site's base path, so it can
 * be opened in a new tab) whose plain click navigates inside the app.
 */
export function useJobLink(project: string | number): { toJob(jobId: number, label?: string): ToastLink; go(jobId: number): void } {
  const navigate = useNavigate();
  const base = useHref('/').replace(/\/+$/, '');
  const go = useCallback((jobId: number) => void navigate(projectPath(project, 'jobs', jobId)), [navigate, project]);
  const toJob = useCallback(
    (jobId: number, label = `Open job #${jobId}`): ToastLink => {
      const path = projectPath(project, 'jobs', jobId);
      return {
        href: `${base}${path}`,
        label,
        onClick: (event) => {
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
          event.preventDefault();
          void navigate(path);
        },
      };
    },
    [base, navigate, project],
  );
  return { toJob, go };
}
