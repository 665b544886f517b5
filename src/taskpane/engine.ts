/**
 * The parser and the guidance engine, loaded as a separate chunk so the pane's
 * first paint needs only React, Fluent UI and the catalogs.
 */
export { parseBounce } from "../ndr";
export { diagnose, formatGuidanceText, liveFactLines } from "../guidance";
