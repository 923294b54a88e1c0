import { createContext, useContext, type AnchorHTMLAttributes } from 'react';

/** Where links that leave the dashboard open (config.json `embed.linkTarget` inside a portal). */
export type ExternalLinkTarget = '_blank' | '_top' | '_self';

export const ExternalLinkTargetContext = createContext<ExternalLinkTarget>('_blank');

export function useExternalLinkTarget(): ExternalLinkTarget {
  return useContext(ExternalLinkTargetContext);
}

/**
 * A link out of the dashboard (to GitLab, to a download): a new tab by default; inside a portal
 * as `embed.linkTarget` says. Never sends a Referer (the dashboard's URL names projects and jobs).
 */
export function ExternalLink({ children, ...props }: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'target' | 'rel'>) {
  const target = useExternalLinkTarget();
  return (
    <a {...props} target={target} rel="noopener noreferrer">
      {children}
    </a>
  );
}
