import { useEffect } from 'react';

/** Sets the tab title to "<page> · CI Jobs" while the page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · CI Jobs` : 'CI Jobs';
  }, [title]);
}
