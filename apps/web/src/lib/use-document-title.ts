import { useEffect } from 'react';

/** Each page names itself in the tab and in the history list: "Log in · Coterie". */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · Coterie` : 'Coterie: small communities, fairly run';
  }, [title]);
}
