export { SettingsPage, type SettingsPageProps, type SettingsValues } from './settings-page.tsx';
export { SignInWithGitLab, type SignInWithGitLabProps } from './sign-in-with-gitlab.tsx';
