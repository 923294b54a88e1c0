// ansi-to-html 0.7 ships no types; this covers the part the log viewer uses.
declare module 'ansi-to-html' {
  export interface AnsiToHtmlOptions {
    fg?: string;
    bg?: string;
    newline?: boolean;
    escapeXML?: boolean;
    stream?: boolean;
    colors?: string[] | Record<number, string>;
  }
  export default class Convert {
    constructor(options?: AnsiToHtmlOptions);
    toHtml(input: string | string[]): string;
  }
}
