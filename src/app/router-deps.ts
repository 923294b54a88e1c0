import type { QueryClient } from '@tanstack/react-query';
import type { AppEnv } from './providers.tsx';
import type { Session } from './session.ts';

/** What the route loaders need from outside React (the router is created before it renders). */
export interface RouterDeps {
  queryClient: QueryClient;
  session: Session;
  env: AppEnv;
}
