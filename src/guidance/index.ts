/** The guidance engine: diagnose() and its plain-text rendering, plus the parts the pane and CLI show. */
export { diagnose } from "./diagnose";
export { formatGuidanceText } from "./text";
export { checkRequest } from "./live-target";
export { liveFactLines } from "./live-facts";
