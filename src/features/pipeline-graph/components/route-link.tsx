import type { ReactNode } from 'react';
import { useGraphContext } from '../graph-context.ts';

/**
 * A plain anchor to an app path. A graph holds hundreds of links; react-router's Link subscribes
 * each one to the location, so every URL change (expanding a card, the retried toggle) would
 * redraw them all. The page navigates in-app from one click handler instead (PipelineDetails).
 */
export function RouteLink({ path, className, title, children }: { path: string; className?: string; title?: string; children: ReactNode }) {
  const { href } = useGraphContext();
  return (
    <a href={href(path)} data-route={path} className={className} title={title}>
      {children}
    </a>
  );
}
