/**
 * The production pane in headless Chromium against the simulated Outlook clients, each as
 * Microsoft documents it and as the office-js issues report it (see fake-office.ts):
 * Outlook on the web with a restricted NDR, classic Outlook on Windows and Outlook on Mac
 * with HTML5 drops, compose on a Forward, a delivery-status part named .txt, and a pinned
 * pane that is not told the selection moved. Every page must run without a page error.
 * Uses only the repository's own sample bounces (src/web/samples).
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import PostalMime from "postal-mime";
import { parseBounce } from "../../src/ndr";
import { diagnose } from "../../src/guidance";
import { writeMsg } from "../support/msg-writer";
import { expectNoAxeViolations, expectNoSidewaysScroll } from "./support/a11y";
import { launchBrowser, type Browser } from "./support/browser";
import { draftCalls, fireDragOver, fireDrop, fireEmptyDrop, type FakeOfficeOptions, type FakeReadItemSpec } from "./support/fake-office";
import { dropFile, openPane, shownDiagnosis } from "./support/pane";
import { assertBuilt, REPO_ROOT, startStaticServer, type StaticServer } from "./support/static-server";

const sample = (name: string) => readFileSync(path.resolve(__dirname, "../../src/web/samples", name), "utf8");
const EXCHANGE = sample("exchange-online-spf-5.7.23.eml");
const GMAIL = sample("gmail-unknown-user-5.1.1.eml");
const POSTFIX = sample("postfix-mailbox-full-delay.eml");

jest.setTimeout(60_000);

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  assertBuilt();
  server = await startStaticServer({ kind: "down" });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const recipientTexts = async (eml: string) => (await parseBounce(eml)).recipients.map((r) => r.address!);

async function expectRecipients(shown: { recipients: { text: string }[] }, eml: string) {
  const bounce = await parseBounce(eml);
  expect(shown.recipients).toHaveLength(bounce.recipients.length);
  bounce.recipients.forEach((recipient, index) => {
    expect(shown.recipients[index].text).toContain(recipient.address!);
    expect(shown.recipients[index].text).toContain(recipient.status!);
  });
}

test("Outlook on the web: a restricted NDR is refused with 9017, the pane says what to try, and an Outlook drop of the NDR is diagnosed", async () => {
  const ndr: FakeReadItemSpec = {
    itemClass: "REPORT.IPM.Note.NDR",
    subject: "Undeliverable: Quarterly figures",
    from: { displayName: "Microsoft Outlook", emailAddress: "MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.com" },
    restricted: true,
    eml: EXCHANGE,
  };
  const { page, problems } = await openPane(browser, server.url, { client: "web", item: ndr });
  await page.getByText("Outlook won't share this message").waitFor();
  await page.getByText(/AccessRestricted \(9017\)/).waitFor();
  expect(await page.getByTestId("subject-title").textContent()).toBe("Undeliverable: Quarterly figures");

  // The user drags the NDR's attachment: Outlook hands over nothing (office-js #6541).
  await page.waitForFunction(() => ((window as any).__fakeOffice.handlers.olkDragAndDropEvent ?? []).length === 1);
  expect(await fireEmptyDrop(page)).toBe(1);
  await page.getByTestId("drop-notice").getByText("Outlook handed over nothing").waitFor();

  // Then the NDR itself from the message list: it arrives as an .eml file.
  expect(await fireDrop(page, [{ name: "Undeliverable Quarterly figures.eml", content: EXCHANGE }])).toBe(1);
  const shown = await shownDiagnosis(page);
  await expectRecipients(shown, EXCHANGE);
  expect(shown.title).toBe(diagnose(await parseBounce(EXCHANGE), null, "en-US").title);
  expect(await page.getByTestId("subject-title").textContent()).toBe("Dropped message: Undeliverable Quarterly figures.eml");
  expect(await page.getByTestId("drop-notice").count()).toBe(0);
  expect(problems).toEqual([]);
  await page.close();
});

test("Outlook on the web: dragging the open message raises only dragover (office-js #6370), and the pane says so", async () => {
  const { page, problems } = await openPane(browser, server.url, { client: "new-windows", item: null });
  await page.getByText("No message selected").waitFor();
  await page.waitForFunction(() => ((window as any).__fakeOffice.handlers.olkDragAndDropEvent ?? []).length === 1);
  for (let i = 0; i < 3; i++) await fireDragOver(page);
  await page.getByTestId("drop-notice").getByText("Nothing arrived").waitFor({ timeout: 10_000 });
  await page.getByText(/Use Read selected message instead/).waitFor();
  expect(problems).toEqual([]);
  await page.close();
});

test("classic Outlook on Windows: a bounce forwarded as an attachment is diagnosed, and a dragged .msg arrives as an HTML5 drop", async () => {
  const forward: FakeReadItemSpec = {
    itemClass: "IPM.Note",
    subject: "FW: Undeliverable: Quarterly figures",
    from: { displayName: "Colleague", emailAddress: "colleague@example.com" },
    bodyText: "Can you see why this bounced?",
    eml: "From: colleague@example.com\nTo: helpdesk@example.com\nSubject: FW: Undeliverable: Quarterly figures\n\nCan you see why this bounced?\n",
    attachments: [{ name: "Undeliverable: Quarterly figures", attachmentType: "item", content: EXCHANGE }],
  };
  const { page, problems } = await openPane(browser, server.url, { client: "classic-windows", item: forward });
  await expectRecipients(await shownDiagnosis(page), EXCHANGE);
  expect(await page.getByTestId("subject-title").textContent()).toBe("FW: Undeliverable: Quarterly figures");
  // Classic Outlook has no DragAndDropEvent: nothing was registered for it, and nothing threw.
  expect(await page.evaluate(() => (window as any).__fakeOffice.handlers.olkDragAndDropEvent)).toBeUndefined();

  // Dragging an NDR onto the pane in classic Outlook drops it as an .msg file.
  const msg = writeMsg({
    messageClass: "REPORT.IPM.Note.NDR",
    subject: "Undeliverable: budget",
    body: "Your message to carol@example.net couldn't be delivered.",
    recipients: [{ email: "carol@example.net", supplementaryInfo: "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup" }],
  });
  await dropFile(page, "main", "Undeliverable budget.msg", msg, "application/vnd.ms-outlook");
  await page.getByTestId("recipient").filter({ hasText: "carol@example.net" }).waitFor({ timeout: 20_000 });
  expect(await page.getByTestId("recipient").first().textContent()).toContain("5.1.10");
  expect(await page.getByTestId("subject-title").textContent()).toBe("Dropped message: Undeliverable budget.msg");
  expect(problems).toEqual([]);
  await page.close();
});

test("Outlook on Mac: a dragged message arrives as an .eml HTML5 drop", async () => {
  const { page, problems } = await openPane(browser, server.url, { client: "mac", item: null });
  await page.getByText("No message selected").waitFor();
  await dropFile(page, "main", "Delayed Mail.eml", POSTFIX);
  await expectRecipients(await shownDiagnosis(page), POSTFIX);
  expect(await page.evaluate(() => (window as any).__fakeOffice.handlers.olkDragAndDropEvent)).toBeUndefined();
  expect(problems).toEqual([]);
  await page.close();
});

test("compose on a Forward: the quoted bounce is diagnosed and the admin email is offered as text to copy, never as a new form", async () => {
  const email = await PostalMime.parse(GMAIL);
  const quoted = ["Please have a look.", "", "-----Original Message-----", `From: ${email.from?.address}`, `Subject: ${email.subject}`, "", email.text ?? ""].join("\n");
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const { page, problems } = await openPane(browser, server.url, { client: "web", item: { kind: "compose", subject: `FW: ${email.subject}`, bodyText: quoted } });
  const shown = await shownDiagnosis(page);
  expect(shown.recipients[0].text).toContain((await recipientTexts(GMAIL))[0]);
  expect(await page.evaluate(() => typeof (window as any).Office.context.mailbox.displayNewMessageFormAsync)).toBe("undefined");
  expect(await page.getByRole("button", { name: "Draft email to recipient admin" }).count()).toBe(0);

  await page.getByRole("button", { name: "Copy email for recipient admin" }).click();
  await page.getByText(/^Email copied\. Paste it into a new message to postmaster@/).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^To: postmaster@\S+\nSubject: .+\n\n/);
  expect(copied).toContain((await recipientTexts(GMAIL))[0]);
  expect(await draftCalls(page)).toEqual([]);
  expect(problems).toEqual([]);
  await page.close();
});

test("a new-message form Outlook fails to open (office-js #6806: form calls that fail or never answer) leaves the email to copy", async () => {
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const { page, problems } = await openPane(browser, server.url, {
    client: "classic-windows",
    item: { itemClass: "IPM.Note", subject: "Delivery Status Notification (Failure)", eml: GMAIL },
    failures: { displayNewMessageFormAsync: { code: 5001 } },
  });
  await shownDiagnosis(page);
  await page.getByRole("button", { name: "Draft email to recipient admin" }).click();
  await page.getByText(/^Outlook couldn't open the draft \(mailbox\.displayNewMessageFormAsync failed: An internal error has occurred\. \(5001\)\)\. Copy the email instead\.$/).waitFor();
  expect(await draftCalls(page)).toHaveLength(1);
  await page.getByText(/^Outlook didn't open a new message\. Copy this email and send it to postmaster@/).waitFor();
  await page.getByRole("button", { name: "Copy email for recipient admin" }).click();
  await page.getByText(/^Email copied\. Paste it into a new message to postmaster@/).waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^To: postmaster@\S+\nSubject: .+\n\n/);
  // Copying never tries the form again.
  expect(await draftCalls(page)).toHaveLength(1);
  expect(problems).toEqual([]);
  await page.close();
});

test("a delivery-status part named details.txt (Outlook says text/plain) is read as the delivery status it is", async () => {
  const email = await PostalMime.parse(EXCHANGE, { attachmentEncoding: "utf8" });
  const status = email.attachments.find((a) => a.mimeType === "message/delivery-status");
  const headers = email.attachments.find((a) => a.mimeType === "text/rfc822-headers");
  if (!status || !headers) throw new Error("sample lacks its report parts");
  const bounce = await parseBounce(EXCHANGE);
  const failed = bounce.recipients[0];
  const item: FakeReadItemSpec = {
    itemClass: "REPORT.IPM.Note.NDR",
    subject: email.subject,
    // A body that names neither the recipient nor the status: only the report part does.
    bodyText: "Delivery has failed to these recipients or groups.",
    internetHeaders: EXCHANGE.slice(0, EXCHANGE.search(/\r?\n\r?\n/)),
    attachments: [
      // attachmentEncoding "utf8" makes each content a string.
      { name: "details.txt", content: status.content as string },
      { name: "original message headers.txt", content: headers.content as string },
    ],
  };
  // Mailbox 1.8: no whole MIME, so the pane reads the body, headers and attachments.
  const { page, problems } = await openPane(browser, server.url, { client: "web", mailboxVersion: "1.8", item });
  expect(await page.evaluate(() => (window as any).Office.context.mailbox.item.attachments.map((a: any) => a.contentType))).toEqual(["text/plain", "text/plain"]);
  const shown = await shownDiagnosis(page);
  expect(shown.recipients).toHaveLength(1);
  expect(shown.recipients[0].text).toContain(failed.address!);
  expect(shown.recipients[0].text).toContain(failed.status!);
  // Taken as Outlook declares it, the report part says nothing: the status comes from the content alone.
  const asDeclared = await parseBounce({ kind: "parts", text: item.bodyText, attachments: [{ name: "details.txt", contentType: "text/plain", content: status.content as string }] });
  expect(asDeclared.recipients.map((r) => r.status)).not.toContain(failed.status);
  expect(problems).toEqual([]);
  await page.close();
});

test("a pinned pane that is not told the selection moved onto an NDR (office-js #974) says what it shows, and reads the selected message on request", async () => {
  const { page, problems } = await openPane(browser, server.url, {
    client: "web",
    item: { itemClass: "REPORT.IPM.Note.NDR", subject: "Delivery Status Notification (Failure)", eml: GMAIL },
  });
  await expectRecipients(await shownDiagnosis(page), GMAIL);
  expect(await page.getByTestId("subject-title").textContent()).toBe("Delivery Status Notification (Failure)");
  // The user selects another NDR: no ItemChanged comes.
  await page.evaluate((eml) => (window as any).__fakeOffice.setItem({ itemClass: "REPORT.IPM.Note.NDR", subject: "Delayed Mail (still being retried)", eml }), POSTFIX);
  expect(await page.getByTestId("subject-title").textContent()).toBe("Delivery Status Notification (Failure)");
  await page.getByRole("button", { name: "Read selected message" }).click();
  await page.getByTestId("recipient").filter({ hasText: (await recipientTexts(POSTFIX))[0] }).waitFor();
  expect(await page.getByTestId("subject-title").textContent()).toBe("Delayed Mail (still being retried)");
  expect(problems).toEqual([]);
  await page.close();
});

test("a pinned pane that Outlook keeps handing its first message (outlook.live.com, office-js #6833) says so when asked to read the selected one", async () => {
  const { page, problems } = await openPane(browser, server.url, {
    client: "web",
    item: { itemClass: "IPM.Note", subject: "FW: Undeliverable: Quarterly figures", attachments: [{ name: "Undeliverable", attachmentType: "item", content: EXCHANGE }], eml: "Subject: FW\n\nsee attached\n" },
  });
  await expectRecipients(await shownDiagnosis(page), EXCHANGE);
  // The user selects an NDR; Outlook neither fires ItemChanged nor changes mailbox.item.
  await page.getByRole("button", { name: "Read selected message" }).click();
  await page.getByTestId("same-item-notice").getByText("Outlook handed over the same message").waitFor();
  await expectRecipients(await shownDiagnosis(page), EXCHANGE);
  expect(await page.getByTestId("subject-title").textContent()).toBe("FW: Undeliverable: Quarterly figures");
  // Where Outlook does hand the new message over, reading it again shows it, and the notice goes.
  await page.evaluate((eml) => (window as any).__fakeOffice.setItem({ itemClass: "REPORT.IPM.Note.NDR", subject: "Delayed Mail (still being retried)", eml }), POSTFIX);
  await page.getByRole("button", { name: "Read selected message" }).click();
  await page.getByTestId("recipient").filter({ hasText: (await recipientTexts(POSTFIX))[0] }).waitFor();
  expect(await page.getByTestId("subject-title").textContent()).toBe("Delayed Mail (still being retried)");
  expect(await page.getByTestId("same-item-notice").count()).toBe(0);
  expect(problems).toEqual([]);
  await page.close();
});

describe("the Outlook-only views at 320 px, checked by axe in light, dark and high contrast", () => {
  const SCREENSHOTS = path.join(REPO_ROOT, "test-output/screenshots");
  const DARK: FakeOfficeOptions["theme"] = { bodyBackgroundColor: "#1f1f1f", bodyForegroundColor: "#ffffff", controlBackgroundColor: "#292929", controlForegroundColor: "#ffffff" };
  const themes = [
    { name: "light", office: {}, forcedColors: false },
    { name: "dark", office: { theme: DARK }, forcedColors: false },
    // Windows high contrast reaches the pane as forced colours; Outlook's theme stays what it was.
    { name: "high-contrast", office: {}, forcedColors: true },
  ] as const;
  beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

  async function open(theme: (typeof themes)[number], office: FakeOfficeOptions) {
    const opened = await openPane(browser, server.url, { ...theme.office, ...office });
    if (theme.forcedColors) await opened.page.emulateMedia({ forcedColors: "active" });
    return opened;
  }

  async function check(page: Awaited<ReturnType<typeof open>>["page"], theme: (typeof themes)[number], name: string) {
    expect(await page.locator("[data-theme]").getAttribute("data-theme")).toBe(theme.name);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, `outlook-${name}-${theme.name}.png`), fullPage: true, animations: "disabled" });
    await expectNoAxeViolations(page);
  }

  test.each(themes)("a restricted NDR read twice, with a drop that brought nothing, $name", async (theme) => {
    const { page, problems } = await open(theme, {
      client: "web",
      item: { itemClass: "REPORT.IPM.Note.NDR", subject: "Undeliverable: Quarterly figures", restricted: true, eml: EXCHANGE },
    });
    await page.getByText("Outlook won't share this message").waitFor();
    // Read again: the same refused message comes back, and the pane says so.
    await page.getByRole("button", { name: "Read selected message" }).click();
    await page.getByTestId("same-item-notice").waitFor();
    await page.waitForFunction(() => ((window as any).__fakeOffice.handlers.olkDragAndDropEvent ?? []).length === 1);
    await fireEmptyDrop(page);
    await page.getByTestId("drop-notice").waitFor();
    await check(page, theme, "restricted-empty-drop");
    expect(problems).toEqual([]);
    await page.close();
  });

  test.each(themes)("compose on a Forward, with the email offered to copy, $name", async (theme) => {
    const email = await PostalMime.parse(GMAIL);
    const quoted = ["Please have a look.", "", "-----Original Message-----", `From: ${email.from?.address}`, `Subject: ${email.subject}`, "", email.text ?? ""].join("\n");
    const { page, problems } = await open(theme, { client: "web", item: { kind: "compose", subject: `FW: ${email.subject}`, bodyText: quoted } });
    await shownDiagnosis(page);
    await page.getByRole("button", { name: "Copy email for recipient admin" }).waitFor();
    await check(page, theme, "compose");
    expect(problems).toEqual([]);
    await page.close();
  });
});
