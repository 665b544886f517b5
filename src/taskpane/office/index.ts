/** The task pane's only door to Office.js. */
export type { DraftRequest, DropEvent, ItemReading, ItemSummary, LabeledSource, MailHost } from "./host";
export { createOfficeHost, type OfficeHostOptions } from "./office-host";
export { createBrowserHost } from "./browser-host";
export { OfficeCallError, type OfficeFailure } from "./async";
export { OfficeErrorCode } from "./errors";
