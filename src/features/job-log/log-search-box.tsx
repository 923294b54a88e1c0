import type { KeyboardEvent as ReactKeyboardEvent, RefObject } from 'react';
import type { LogSearchState } from './use-log-search.ts';

export interface LogSearchBoxProps {
  /** Prefix of the ids inside (useId of the viewer). */
  idBase: string;
  search: LogSearchState;
  inputRef: RefObject<HTMLInputElement | null>;
}

/** The search field, its options, previous/next match and the match count. */
export function LogSearchBox({ idBase, search, inputRef }: LogSearchBoxProps) {
  const handleKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      search.submit(e.shiftKey);
    } else if (e.key === 'Escape') {
      e.currentTarget.blur();
    }
  };
  const { value } = search;
  return (
    <div className="log-toolbar__search" role="search">
      <label className="visually-hidden" htmlFor={`${idBase}-q`}>
        Search the log
      </label>
      <input
        ref={inputRef}
        id={`${idBase}-q`}
        type="search"
        placeholder="Search the log ( / )"
        value={search.draft}
        onChange={(e) => search.setDraft(e.target.value)}
        onKeyDown={handleKey}
        aria-describedby={`${idBase}-matches`}
      />
      <label className="log-check">
        <input type="checkbox" checked={value.caseSensitive} onChange={(e) => search.setOptions({ caseSensitive: e.target.checked, regex: value.regex })} /> Match case
      </label>
      <label className="log-check">
        <input type="checkbox" checked={value.regex} onChange={(e) => search.setOptions({ caseSensitive: value.caseSensitive, regex: e.target.checked })} /> Regex
      </label>
      <button type="button" className="button" onClick={() => search.stepMatch(-1)} disabled={!search.canStep} aria-label="Previous match" title="Previous match (N)">
        ↑
      </button>
      <button type="button" className="button" onClick={() => search.stepMatch(1)} disabled={!search.canStep} aria-label="Next match" title="Next match (n)">
        ↓
      </button>
      <span id={`${idBase}-matches`} className="log-toolbar__count" role="status">
        {search.status}
      </span>
    </div>
  );
}
