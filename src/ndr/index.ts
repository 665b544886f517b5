/** The bounce parser's public face: pure TypeScript for the pane, the backend and the CLI. */
export { parseBounce, analyseMessage, type ParseOptions } from "./parse";
export { readMessage, type MailMessage } from "./message";
export type { FormatModule, FormatFindings, RecipientFinding } from "./formats/format";
export { FORMATS, type FormatName, type RegisteredFormat } from "./formats";
export * from "./types";
