// Runtime configuration: config.json, browser settings, URL parameters, the connection store.
export { ConfigSchema, DEFAULT_CONFIG, EmbedSchema, OAUTH_SCOPES, OAuthSchema, RefreshSchema, THEMES, WallSchema, formatConfigIssues, parseConfig } from './schema.ts';
export type { ConfigParseResult, EmbedConfig, OAuthConfig, RefreshConfig, RuntimeConfig, RuntimeConfigInput, Theme, WallConfig, WallProjectInput } from './schema.ts';
export { ConfigError, configUrl, isConfigError, loadConfig } from './load-config.ts';
export { EARLY_CONFIG_KEY, takeEarlyConfigRequest } from './early-config.ts';
export { SECRET_URL_PARAMS, parseUrlSettings, urlWithoutSecrets } from './url-params.ts';
export type { ParsedUrlSettings, UrlOverrides } from './url-params.ts';
export { resolveConfig, resolveConnection } from './resolve.ts';
export type { EffectiveConfig, ResolveInput, ResolvedConnection, SettingSource } from './resolve.ts';
export { CONNECTION_STORAGE_KEY, createConnectionStore } from './connection-store.ts';
export type { ConnectionStore, SavedConnection, SavedOAuth } from './connection-store.ts';
export { SETTINGS_STORAGE_KEY, createSettingsStore } from './settings-store.ts';
export type { SettingsStore, UserSettings } from './settings-store.ts';
export { RECENT_PROJECTS_CAP, RECENT_PROJECTS_STORAGE_KEY, createRecentProjectsStore } from './recent-projects.ts';
export type { RecentProject, RecentProjectsStore } from './recent-projects.ts';
export { browserStorage, keepStorageInMemory, memoryStorage, readJson, storageIsPersistent, writeJson } from './storage.ts';
export type { KeyValueStorage } from './storage.ts';
export { createListeners } from './storage.ts';
