import type { KeyboardEvent as ReactKeyboardEvent, RefObject } from 'react';
import { arrowDownIcon, arrowUpIcon, IconButton } from '../../ui/popups.ts';
import type { LogSearchState } from './use-log-search.ts';

export interface LogSearchBoxProps {
  /** Prefix of the ids inside (useId of the viewer). */
  idBase: string;
  search: LogSearchState;
  inputRef: RefObject<HTMLInputElement | null>;
}

/**
 * The search field with its options as toggles inside the same frame (Match case "Aa", Regex
 * ".*", as editors draw them), previous/next match and the match count.
 */
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
      <div className="log-search-field">
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
        <IconButton glyph="Aa" label="Match case" size="small" pressed={value.caseSensitive} onClick={() => search.setOptions({ caseSensitive: !value.caseSensitive, regex: value.regex })} />
        <IconButton glyph=".*" label="Regex" size="small" pressed={value.regex} onClick={() => search.setOptions({ caseSensitive: value.caseSensitive, regex: !value.regex })} />
      </div>
      <IconButton icon={arrowUpIcon} label="Previous match" shortcut="N" disabled={!search.canStep} onClick={() => search.stepMatch(-1)} />
      <IconButton icon={arrowDownIcon} label="Next match" shortcut="n" disabled={!search.canStep} onClick={() => search.stepMatch(1)} />
      <span id={`${idBase}-matches`} className="log-toolbar__count" role="status">
        {search.status}
      </span>
    </div>
  );
}
