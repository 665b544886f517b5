/** The guidance engine: diagnose() and its plain-text rendering, plus the parts the pane and CLI show. */
export { diagnose, pickRecipient, type DiagnoseOptions } from "./diagnose";
export { formatGuidanceText } from "./text";
export { checkTarget, ipFromRejection } from "./check-target";
export { classifyReason, reasonFromText, reasonFromStatus } from "./reason";
export { detectScope } from "./scope";
export { isGenericCode } from "./generic";
export { namedBlocklist, type Blocklist } from "./blocklist";
export { senderIpFromText } from "./sender-ip";
export { lookupCode, allCodes, parseStatus, type CodeEntry, type WhoFixes, type RelatedCheck } from "./codes";
export { spfCase, lookupCosts, type SpfCase } from "./advice/spf";
export { detectSendingService, isMicrosoftIp } from "./services";
export type { Actor, Guidance, GuidanceStep, Reason } from "./types";
export { liveTarget, checkRequest } from "./live-target";
export { liveFactLines, type LiveFactLine } from "./live-facts";
