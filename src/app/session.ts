/**
 * The app's view of "who are we talking to": the connection (config.json's, or the one saved
 * in this browser), recent projects and embed mode, as one subscribable store that loaders
 * (outside React) and components (through useSession) share. The storage details live in
 * src/config; this only adapts them.
 */
import type { Connection } from '../gitlab/index.ts';

export interface RecentProject {
  id: number;
  path: string;
  name: string;
}

export interface SessionSnapshot {
  connection: Connection | null;
  /** Where the connection comes from: this browser (Settings) or the site's config.json. */
  source: 'browser' | 'config' | null;
  /** Whether the token outlives the browser session. */
  remember: boolean;
  recentProjects: readonly RecentProject[];
}

export interface SaveConnectionInput {
  host: string;
  token: string;
  remember: boolean;
}

export interface Session {
  get(): SessionSnapshot;
  subscribe(listener: () => void): () => void;
  saveConnection(input: SaveConnectionInput): void;
  disconnect(): void;
  addRecentProject(project: RecentProject): void;
}
