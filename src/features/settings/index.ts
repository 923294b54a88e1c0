export { SettingsPage, type SettingsPageProps, type SettingsValues } from './settings-page.tsx';
