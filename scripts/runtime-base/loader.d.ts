// Types of ./loader.js (plain JavaScript, inlined into index.html as written).
export function baseCandidates(pathname: string): string[];
export function runtimeBaseLoader(win: Window & typeof globalThis): Promise<string | null>;
export const SECRET_PARAMS: string[];
export function stripSecretParams(win: Window & typeof globalThis): string[];
export const EARLY_CONFIG_KEY: string;
export function startConfigRequest(win: Window & typeof globalThis, base: string): { url: string; response: Promise<Response> };
export interface StartFiles {
  entry: string;
  styles: string[];
  preloads: string[];
}
export function startFiles(assets: StartFiles & { wall?: StartFiles }, pathname: string, base: string): StartFiles;
