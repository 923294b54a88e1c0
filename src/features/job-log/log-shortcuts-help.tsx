/** The viewer's shortcuts, as the help lists them (use-log-shortcuts.ts handles them). */
export const SHORTCUT_HELP: readonly { keys: string; does: string }[] = [
  { keys: '/', does: 'search' },
  { keys: 'n / N', does: 'next / previous match' },
  { keys: 'e / E', does: 'next / previous error' },
  { keys: 'g / G', does: 'top / bottom' },
  { keys: '[ / ]', does: 'collapse / expand all sections' },
  { keys: 'w', does: 'wrap lines' },
  { keys: 't', does: 'timestamps: UTC, local, since start, hidden' },
  { keys: 'c', does: 'copy the selected lines (click a line number; shift-click for a range)' },
  { keys: 'f', does: 'full screen' },
];

/** The folded list of keyboard shortcuts under the log. */
export function LogShortcutsHelp() {
  return (
    <details className="log-help">
      <summary>Keyboard shortcuts</summary>
      <dl>
        {SHORTCUT_HELP.map(({ keys, does }) => [<dt key={`${keys}-k`}>{keys}</dt>, <dd key={`${keys}-d`}>{does}</dd>])}
      </dl>
    </details>
  );
}
