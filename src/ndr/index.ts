/** The bounce parser's public face: pure TypeScript for the pane, the backend and the CLI. */
export { parseBounce } from "./parse";
export { type FormatName } from "./formats";
export * from "./types";
