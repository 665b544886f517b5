/**
 * The simulated Outlook host for end-to-end tests (and the Office adapter's unit tests).
 *
 * `fakeOfficeScript(options)` returns JavaScript source that defines `window.Office` the
 * way Office.js does inside Outlook (shapes from @types/office-js): `Office.onReady()`
 * resolving `{ host: "Outlook" }`, `context.displayLanguage`, `context.officeTheme`,
 * `context.requirements.isSetSupported("Mailbox", v)`, `context.mailbox.item` (a read
 * item or a compose item), callbacks receiving `{ status, value, error, asyncContext }`
 * asynchronously, `mailbox.addHandlerAsync`, `displayNewMessageForm(Async)`.
 * `routeFakeOffice(page, options)` makes a playwright page get that script whenever it
 * asks for any `office.js`.
 *
 * In the page, for assertions and events:
 * - `window.__draftCalls`: every `displayNewMessageForm` / `displayNewMessageFormAsync`
 *   call as `{ api, parameters: { toRecipients, subject, htmlBody } }`;
 * - `window.__fakeOffice.fireItemChanged(itemSpec?)`: replaces the item (when given) and
 *   fires `Office.EventType.ItemChanged` to the pane's handlers; returns the handler count;
 * - `window.__fakeOffice.fireDrop(files)`: fires `Office.EventType.DragAndDropEvent` with a
 *   "drop" whose `dataTransfer.files` hold `{ name, type, fileContent: Blob }` built from
 *   `DroppedFileSpec`s; `fireDragOver()` fires the "dragover" kind; `fireEmptyDrop()` a
 *   drop whose `dragAndDropEventData` is null (office-js #6541);
 * - `window.__fakeOffice.fireThemeChanged(theme)`: replaces `context.officeTheme` and fires
 *   `Office.EventType.OfficeThemeChanged` with it (Mailbox 1.14; older versions refuse the handler);
 * - `window.__fakeOffice.setItem(itemSpec | null)`: swaps the item silently;
 * - `window.__fakeOffice.handlers`: the registered handlers by event type.
 * The helpers `fireItemChanged`, `fireDrop`, `fireDragOver`, `fireEmptyDrop`, `fireThemeChanged` and `draftCalls` below do this from the test side.
 *
 * It follows Microsoft's documentation and the office-js issue reports, not convenience:
 * - per client (`client`): DragAndDropEvent in Outlook on the web and the new Outlook only;
 *   elsewhere addHandlerAsync for it throws synchronously, as Office.js's argument check does;
 * - a restricted item (`restricted: true`: an NDR or S/MIME message in web and new Outlook)
 *   fails every item call with 9017 AccessRestricted; generic errors carry localized names;
 * - classic Outlook and Mac open no pane on a delivery report (IPM.Report.*): the fake refuses one;
 * - every item has its own itemId, and a pinned pane may be left on its item (setItem, no event);
 * - displayNewMessageForm(Async) exist in read mode only;
 * - AttachmentDetails.contentType is a lookup on the file's extension;
 * - the pane's mode is fixed: ItemChanged never hands a read pane a draft, or the reverse;
 * - officeTheme has no isDarkTheme (not supported in Outlook), and exists from Mailbox 1.14.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

export interface FakeAttachmentSpec {
  /** Defaults to "AAMkAttachment<index>". */
  id?: string;
  /** Its contentType is looked up from this name's extension, as Outlook does. */
  name: string;
  /** "file" (default): content is served base64; "item": an attached message served as .eml text; "cloud": a link. */
  attachmentType?: "file" | "item" | "cloud";
  /** Text content (UTF-8; base64-encoded by the fake for "file" attachments). */
  content?: string;
  /** Raw base64 content for binary files (e.g. a .msg). Wins over `content`. */
  base64?: string;
  /** "iCalendar" for a calendar file; otherwise chosen from attachmentType. */
  format?: "base64" | "eml" | "iCalendar" | "url";
  url?: string;
  size?: number;
  isInline?: boolean;
}

export interface FakeReadItemSpec {
  kind?: "read";
  /** e.g. "REPORT.IPM.Note.NDR" for a delivery report, "IPM.Note" (default) for a forward. */
  itemClass?: string;
  subject?: string;
  from?: { displayName?: string; emailAddress?: string };
  bodyText?: string;
  bodyHtml?: string;
  /** What getAllInternetHeadersAsync returns (Mailbox >= 1.8). */
  internetHeaders?: string;
  /** The whole message (RFC 5322 text) that getAsFileAsync returns base64-encoded (Mailbox >= 1.14); absent: the call fails (9020). */
  eml?: string;
  attachments?: FakeAttachmentSpec[];
  /** Outlook's item id; by default each item made gets its own ("AAMkFakeItem1", "AAMkFakeItem2", ...). */
  itemId?: string;
  internetMessageId?: string;
  dateTimeCreated?: string;
  /**
   * A restricted item (an NDR or S/MIME message in web and new Outlook): every item call
   * fails with 9017 AccessRestricted. Without it, an NDR reads like any message (#6558's
   * reporter found the pane working after the notice).
   */
  restricted?: boolean;
}

interface FakeComposeItemSpec {
  kind: "compose";
  subject?: string;
  bodyText?: string;
  bodyHtml?: string;
  attachments?: FakeAttachmentSpec[];
}

export type FakeItemSpec = FakeReadItemSpec | FakeComposeItemSpec;

/** Names of simulated APIs that can be told to fail. */
type FakeApi =
  | "body.getAsync"
  | "getAllInternetHeadersAsync"
  | "getAttachmentContentAsync"
  | "getAttachmentsAsync"
  | "getAsFileAsync"
  | "addHandlerAsync"
  | "removeHandlerAsync"
  | "displayNewMessageFormAsync";

export interface FakeOfficeTheme {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  controlBackgroundColor: string;
  controlForegroundColor: string;
}

/** An Outlook error: its numeric code (see src/taskpane/office/errors.ts); name and message default to Outlook's, localized where Outlook localizes them. */
interface FakeError {
  code: number;
  name?: string;
  message?: string;
}

export interface FakeOfficeOptions {
  /** Office.context.displayLanguage; default "en-US". */
  displayLanguage?: string;
  /** Office.context.officeTheme; default a light theme; null for none. */
  theme?: FakeOfficeTheme | null;
  /**
   * Highest Mailbox requirement set the client supports (default "1.14"). Drives
   * isSetSupported and which APIs exist: getAsFileAsync 1.14, getAllInternetHeadersAsync /
   * getAttachmentContentAsync / getAttachmentsAsync 1.8, displayNewMessageFormAsync 1.9,
   * displayNewMessageForm 1.6.
   */
  mailboxVersion?: string;
  /** The host onReady reports; null simulates a page opened outside Office (no mailbox). Default "Outlook". */
  host?: "Outlook" | null;
  /** The current item; null or absent: nothing selected (or an item Outlook will not hand over). */
  item?: FakeItemSpec | null;
  /** Delay before every callback, in ms (default 1): callbacks are always asynchronous. */
  callbackDelayMs?: number;
  /** APIs that fail with the given Outlook error, or "never" to never call back. */
  failures?: Partial<Record<FakeApi, FakeError | "never">>;
  /**
   * Which Outlook (default "web"): sets mailbox.diagnostics.hostName and the platform, and
   * which events addHandlerAsync accepts (DragAndDropEvent: "web" and "new-windows" only).
   */
  client?: "web" | "new-windows" | "classic-windows" | "mac";
}

/** A file dropped on the pane: text content (UTF-8) or base64 bytes. */
export interface DroppedFileSpec {
  name: string;
  content?: string;
  base64?: string;
  type?: string;
}

export interface DraftCall {
  api: "displayNewMessageForm" | "displayNewMessageFormAsync";
  parameters: { toRecipients?: string[]; subject?: string; htmlBody?: string };
}

const browserSource = readFileSync(path.join(__dirname, "fake-office.browser.js"), "utf8");

/** JavaScript source that defines window.Office for the given options. */
function fakeOfficeScript(options: FakeOfficeOptions = {}): string {
  // JSON is valid JavaScript; "</script>" cannot matter since this is served as a file.
  return `${browserSource}\ninstallFakeOffice(window, ${JSON.stringify(options)});\n`;
}

/** Where the task pane loads Office.js from, as Microsoft requires (webpack.config.js). */
export const OFFICE_JS_CDN_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * Answers the page's request for Office.js from Microsoft's CDN with the simulated host, so
 * nothing leaves the machine. Only that URL: a page that loaded office.js from anywhere
 * else would get no host and fail its test.
 */
export async function routeFakeOffice(page: Page, options: FakeOfficeOptions = {}): Promise<void> {
  const body = fakeOfficeScript(options);
  await page.route(OFFICE_JS_CDN_URL, (route) =>
    route.fulfill({ status: 200, contentType: "application/javascript; charset=utf-8", body }),
  );
}

type FakeWindow = { __fakeOffice: any; __draftCalls: DraftCall[] };

/**
 * Fires ItemChanged in the page; with an argument, first replaces the item (null: nothing
 * selected). Returns the number of handlers reached.
 */
export function fireItemChanged(page: Page, ...item: [FakeItemSpec | null] | []): Promise<number> {
  const change = item.length ? { replace: true, spec: item[0] } : { replace: false, spec: null };
  return page.evaluate(
    ({ replace, spec }) => (window as unknown as FakeWindow).__fakeOffice.fireItemChanged(replace ? spec : undefined),
    change,
  );
}

/** Drops files onto the pane through Outlook's DragAndDropEvent; returns the number of handlers reached. */
export function fireDrop(page: Page, files: DroppedFileSpec[]): Promise<number> {
  return page.evaluate((list) => (window as unknown as FakeWindow).__fakeOffice.fireDrop(list), files);
}

/** Fires the "dragover" kind of DragAndDropEvent (what dragging the open message alone raises, office-js #6370). */
export function fireDragOver(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as FakeWindow).__fakeOffice.fireDragOver(), undefined);
}

/** Fires a drop whose dragAndDropEventData is null (an attached Outlook item, office-js #6541). */
export function fireEmptyDrop(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as FakeWindow).__fakeOffice.fireEmptyDrop(), undefined);
}

/** Switches Outlook's theme and fires OfficeThemeChanged; returns the number of handlers reached. */
export function fireThemeChanged(page: Page, theme: FakeOfficeTheme): Promise<number> {
  return page.evaluate((next) => (window as unknown as FakeWindow).__fakeOffice.fireThemeChanged(next), theme);
}

/** The new-message forms the pane opened so far. */
export function draftCalls(page: Page): Promise<DraftCall[]> {
  return page.evaluate(() => (window as unknown as FakeWindow).__draftCalls, undefined);
}

/**
 * Installs the simulated host on a plain object standing in for `window`, in node
 * (for unit tests of the adapter): returns that object with Office and __fakeOffice on it.
 */
export function installFakeOffice(options: FakeOfficeOptions = {}): { Office: typeof Office; __fakeOffice: any; __draftCalls: DraftCall[] } {
  const win = {} as { Office: typeof Office; __fakeOffice: any; __draftCalls: DraftCall[] };
  // The script the browser test injects, run here on a plain object instead of a page.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function("window", fakeOfficeScript(options))(win);
  return win;
}
