/** The task pane's only door to Office.js. */
export type { DraftRequest, ItemReading, LabeledSource, MailHost } from "./host";
export { createOfficeHost, type OfficeHostOptions } from "./office-host";
export { createBrowserHost } from "./browser-host";
export { OfficeCallError } from "./async";
