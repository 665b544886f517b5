/** The task pane's only door to Office.js. */
export type { MailHost } from "./host";
export { createOfficeHost } from "./office-host";
export { createBrowserHost } from "./browser-host";
