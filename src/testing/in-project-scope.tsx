import { useMemo, type ComponentType } from 'react';
import { ProjectScopeContext, type Connection, type ProjectScope } from '../gitlab/index.ts';

/** What a test says of the project scope: the connection and project, acting allowed unless told. */
export interface ScopeProps {
  connection: Connection;
  projectId: number;
  /** Default: the id (as the dashboard names a project GitLab sent no path for). */
  projectPath?: string;
  readOnly?: boolean;
  canWrite?: ProjectScope['canWrite'];
}

/**
 * A feature component that reads `useProjectScope()`, taking the scope as props the way a test
 * writes it, and providing it as the project route does (one value while the props hold).
 */
export function inProjectScope<P extends object>(Component: ComponentType<P>): ComponentType<P & ScopeProps> {
  return function InProjectScope({ connection, projectId, projectPath, readOnly = false, canWrite = true, ...props }: P & ScopeProps) {
    const scope = useMemo<ProjectScope>(() => ({ connection, projectId, projectPath: projectPath ?? String(projectId), readOnly, canWrite }), [connection, projectId, projectPath, readOnly, canWrite]);
    return (
      <ProjectScopeContext value={scope}>
        {/* The rest of the props are P's own: the scope's five were taken out above. */}
        <Component {...(props as P)} />
      </ProjectScopeContext>
    );
  };
}
