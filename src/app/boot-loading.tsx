import { LoadingState } from '../ui/index.ts';

/** While the first page's code and data load (before the shell can render). */
export function BootLoading() {
  return (
    <main className="app-main">
      <LoadingState label="Loading the dashboard" />
    </main>
  );
}
