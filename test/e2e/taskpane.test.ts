/**
 * The production build (dist/) in headless Chromium, the pane inside the simulated Outlook
 * host, driven with real bounces from the corpus. The backend is down in this suite:
 * parse and guidance must show anyway, and the SPF panel must say what failed.
 * What the pane shows is compared with the parser and guidance engine run on the same input.
 */
import PostalMime from "postal-mime";
import type { Page } from "playwright-core";
import { parseBounce } from "../../src/ndr";
import { diagnose } from "../../src/guidance";
import { launchBrowser, type Browser } from "./support/browser";
import { draftCalls, fireDrop, fireItemChanged, fireThemeChanged, type FakeAttachmentSpec, type FakeReadItemSpec } from "./support/fake-office";
import { corpusEml, corpusExpected, dropFile, openPane, openStandalonePage, shownDiagnosis } from "./support/pane";
import { assertBuilt, startStaticServer, type StaticServer } from "./support/static-server";

const OFFICE365 = "lhost-office365-01";
const GMAIL = "lhost-gmail-04";
const POSTFIX = "lhost-postfix-03";

// Chromium on a busy 2-core machine: page loads and axe runs take seconds.
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

/** What Outlook shows of a message when the raw MIME is not available: header block, body, attachments. */
async function outlookParts(eml: string): Promise<Pick<FakeReadItemSpec, "internetHeaders" | "bodyText" | "bodyHtml" | "attachments">> {
  const email = await PostalMime.parse(eml, { attachmentEncoding: "utf8" });
  const headerEnd = eml.search(/\r?\n\r?\n/);
  const attachments: FakeAttachmentSpec[] = email.attachments.map((attachment, index) => ({
    name: attachment.filename ?? `attachment-${index + 1}${attachment.mimeType === "message/rfc822" ? ".eml" : ".txt"}`,
    attachmentType: attachment.mimeType === "message/rfc822" ? "item" : "file",
    // Outlook gives no MIME type but a lookup on the name's extension: the pane tells the kind from the content.
    content: attachment.content as string, // a string: attachmentEncoding is "utf8"
  }));
  return { internetHeaders: eml.slice(0, headerEnd), bodyText: email.text ?? "", bodyHtml: email.html, attachments };
}

async function expectRecipientsOf(name: string, shown: { recipients: { text: string }[] }) {
  const expected = corpusExpected(name).recipients;
  expect(shown.recipients).toHaveLength(expected.length);
  expected.forEach((recipient, index) => {
    if (recipient.recipient) expect(shown.recipients[index].text).toContain(recipient.recipient);
    if (recipient.deliverystatus) expect(shown.recipients[index].text).toContain(recipient.deliverystatus);
  });
}

describe("opened on the bounce itself", () => {
  test("Mailbox 1.14 (getAsFileAsync): the whole MIME is diagnosed, the backend's absence is told, and the draft reaches displayNewMessageFormAsync", async () => {
    const eml = corpusEml(OFFICE365);
    const { page, problems } = await openPane(browser, server.url, {
      item: { itemClass: "REPORT.IPM.Note.NDR", subject: "Undeliverable: test", bodyText: "Delivery has failed", eml },
    });
    const bounce = await parseBounce(eml);
    const guidance = diagnose(bounce, null, "en-US");
    const shown = await shownDiagnosis(page);
    expect(shown.title).toBe(guidance.title);
    await expectRecipientsOf(OFFICE365, shown);
    expect(shown.recipients[0].said).toBe(bounce.recipients[0].diagnostic);

    // The backend is down: the SPF panel says so and offers Retry; the guidance stays.
    await page.getByText("SPF and DMARC couldn't be checked").waitFor();
    await page.getByRole("button", { name: "Retry" }).click();
    await page.getByText("SPF and DMARC couldn't be checked").waitFor();
    // Only the four fields ever leave the pane: never the message.
    expect(server.apiRequests.length).toBeGreaterThanOrEqual(2);
    for (const request of server.apiRequests) {
      expect(request.path).toBe("/api/check");
      expect(Object.keys(JSON.parse(request.body)).every((key) => ["domain", "ip", "sender", "helo"].includes(key))).toBe(true);
      expect(JSON.parse(request.body).domain).toBe(bounce.senderDomain);
    }

    await page.getByRole("button", { name: "Draft email to recipient admin" }).click();
    await page.waitForFunction(() => (window as unknown as { __draftCalls: unknown[] }).__draftCalls.length === 1);
    expect(await draftCalls(page)).toEqual([
      {
        api: "displayNewMessageFormAsync",
        parameters: { toRecipients: [guidance.draft!.to], subject: guidance.draft!.subject, htmlBody: guidance.draft!.html },
      },
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  test("keyboard alone reaches and uses the actions, and Copy report puts the plain-text report on the clipboard", async () => {
    const eml = corpusEml(OFFICE365);
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const { page } = await openPane(browser, server.url, { item: { itemClass: "REPORT.IPM.Note.NDR", eml } });
    const guidance = diagnose(await parseBounce(eml), null, "en-US");
    await shownDiagnosis(page);
    const focusedName = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    let steps = 0;
    while ((await focusedName()) !== "Draft email to recipient admin" && steps++ < 40) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => (window as unknown as { __draftCalls: unknown[] }).__draftCalls.length === 1);
    await page.keyboard.press("Tab");
    expect(await focusedName()).toBe("Copy report");
    await page.keyboard.press("Enter");
    await page.getByText("Report copied.").waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(guidance.title);
    expect(copied).toContain(corpusExpected(OFFICE365).recipients[0].recipient!);
    await page.close();
  });

  test("a client without Mailbox 1.14 (body, headers and attachments) still finds the recipient and status", async () => {
    const eml = corpusEml(GMAIL);
    const { page, problems } = await openPane(browser, server.url, {
      mailboxVersion: "1.8",
      item: { itemClass: "REPORT.IPM.Note.NDR", subject: "Delivery Status Notification (Failure)", ...(await outlookParts(eml)) },
    });
    await expectRecipientsOf(GMAIL, await shownDiagnosis(page));
    // Before Mailbox 1.9 the draft opens through displayNewMessageForm.
    await page.getByRole("button", { name: "Draft email to recipient admin" }).click();
    await page.waitForFunction(() => (window as unknown as { __draftCalls: unknown[] }).__draftCalls.length === 1);
    const [call] = await draftCalls(page);
    expect(call.api).toBe("displayNewMessageForm");
    expect(call.parameters.toRecipients).toEqual([`postmaster@${corpusExpected(GMAIL).recipients[0].recipient!.split("@")[1]}`]);
    expect(call.parameters.htmlBody).toContain(corpusExpected(GMAIL).recipients[0].recipient!);
    expect(problems).toEqual([]);
    await page.close();
  });
});

test("a backend that never answers: the diagnosis shows at once, the SPF panel gives up after 8 s with Retry", async () => {
  const silent = await startStaticServer({ kind: "silent" });
  try {
    const eml = corpusEml(GMAIL);
    const { page } = await openPane(browser, silent.url, { item: { itemClass: "REPORT.IPM.Note.NDR", eml } });
    const shown = await shownDiagnosis(page);
    expect(shown.title).toBe(diagnose(await parseBounce(eml), null, "en-US").title);
    // A blocklist bounce leads with the live checks and folds SPF and DMARC away: open the fold.
    await page.getByTestId("auth-collapsed").getByRole("button").first().click();
    await page.getByText(/Checking SPF and DMARC for/).waitFor();
    await page.getByText("The check service didn't answer within 8 seconds.", { exact: false }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole("button", { name: "Retry" }).isVisible()).toBe(true);
    expect(silent.apiRequests).toHaveLength(1);
    await page.close();
  } finally {
    await silent.close();
  }
});

describe("a bounce forwarded to the user", () => {
  test("as an .eml attachment: the attachment is picked and the other sources stay selectable", async () => {
    const eml = corpusEml(POSTFIX);
    const { page } = await openPane(browser, server.url, {
      item: {
        itemClass: "IPM.Note",
        subject: "FW: Undelivered Mail Returned to Sender",
        bodyText: "Can you see why this bounced?\n",
        eml: "From: colleague@example.com\nTo: me@example.com\nSubject: FW: Undelivered Mail Returned to Sender\n\nCan you see why this bounced?\n",
        attachments: [{ name: "Undelivered Mail Returned to Sender.eml", attachmentType: "item", content: eml }],
      },
    });
    await expectRecipientsOf(POSTFIX, await shownDiagnosis(page));
    const picker = page.getByRole("combobox", { name: "Bounce to show" });
    const options = await picker.locator("option").allTextContents();
    expect(options.length).toBeGreaterThanOrEqual(2);
    expect(options[Number(await picker.inputValue())]).toContain("Undelivered Mail Returned to Sender.eml");
    await page.close();
  });

  test("in a zh-TW Outlook, the sources are labelled in Chinese", async () => {
    const { page } = await openPane(browser, server.url, {
      displayLanguage: "zh-TW",
      item: {
        itemClass: "IPM.Note",
        subject: "FW: Undelivered Mail Returned to Sender",
        eml: "From: colleague@example.com\nTo: me@example.com\nSubject: FW: Undelivered Mail Returned to Sender\n\nSee attached.\n",
        attachments: [{ name: "Undelivered Mail Returned to Sender.eml", attachmentType: "item", content: corpusEml(POSTFIX) }],
      },
    });
    await shownDiagnosis(page);
    const options = await page.getByRole("combobox", { name: "要顯示的退信" }).locator("option").allTextContents();
    expect(options).toEqual(["附件：Undelivered Mail Returned to Sender.eml", "這封郵件"]);
    await page.close();
  });

  test("inline in the body of a forward", async () => {
    const eml = corpusEml(POSTFIX);
    const email = await PostalMime.parse(eml);
    const header = (name: string) => email.headers.find((h) => h.key === name)?.value ?? "";
    const body = [
      "Please have a look.",
      "",
      "---------- Forwarded message ---------",
      `From: ${header("from")}`,
      `Date: ${header("date")}`,
      `Subject: ${header("subject")}`,
      `To: ${header("to")}`,
      "",
      email.text ?? "",
    ].join("\n");
    const { page } = await openPane(browser, server.url, {
      mailboxVersion: "1.8",
      item: { itemClass: "IPM.Note", subject: `Fwd: ${header("subject")}`, bodyText: body, internetHeaders: "From: colleague@example.com\nTo: me@example.com\nSubject: Fwd" },
    });
    const shown = await shownDiagnosis(page);
    expect(shown.recipients[0].text).toContain(corpusExpected(POSTFIX).recipients[0].recipient!);
    await page.close();
  });

  test("in compose mode (Forward) with the bounce attached", async () => {
    const eml = corpusEml(OFFICE365);
    const { page } = await openPane(browser, server.url, {
      item: {
        kind: "compose",
        subject: "FW: Undeliverable: test",
        bodyText: "Forwarding the bounce below.",
        attachments: [{ name: "Undeliverable test.eml", attachmentType: "item", content: eml }],
      },
    });
    await expectRecipientsOf(OFFICE365, await shownDiagnosis(page));
    await page.close();
  });
});

describe("the pinned pane and drops", () => {
  test("re-diagnoses when the user selects another item, and says so when nothing is selected", async () => {
    const { page } = await openPane(browser, server.url, { item: { itemClass: "REPORT.IPM.Note.NDR", eml: corpusEml(OFFICE365) } });
    await shownDiagnosis(page);
    expect(await fireItemChanged(page, { itemClass: "REPORT.IPM.Note.NDR", eml: corpusEml(POSTFIX) })).toBe(1);
    await page.getByTestId("recipient").filter({ hasText: corpusExpected(POSTFIX).recipients[0].recipient! }).waitFor();
    await expectRecipientsOf(POSTFIX, await shownDiagnosis(page));
    await fireItemChanged(page, null);
    await page.getByText("No message selected").waitFor();
    expect(await page.getByTestId("recipient").count()).toBe(0);
    await page.close();
  });

  test("an .eml dropped through Outlook's DragAndDropEvent is diagnosed", async () => {
    const { page } = await openPane(browser, server.url, { item: null });
    await page.getByText("No message selected").waitFor();
    await page.waitForFunction(() => ((window as any).__fakeOffice.handlers.olkDragAndDropEvent ?? []).length === 1);
    expect(await fireDrop(page, [{ name: "bounce.eml", content: corpusEml(GMAIL) }])).toBe(1);
    await expectRecipientsOf(GMAIL, await shownDiagnosis(page));
    await page.close();
  });
});

describe("following the theme while open", () => {
  const backgroundOf = (page: Page) => page.locator("[data-theme]").evaluate((node) => getComputedStyle(node).backgroundColor);

  test("Outlook switched from light to dark: OfficeThemeChanged gives the pane Fluent's dark theme", async () => {
    const { page, problems } = await openPane(browser, server.url, { item: null });
    await page.getByText("No message selected").waitFor();
    await page.waitForFunction(() => (window as any).__fakeOffice.handlers.officeThemeChanged?.length === 1);
    expect(await page.locator("[data-theme]").getAttribute("data-theme")).toBe("light");
    const lightBackground = await backgroundOf(page);
    const reached = await fireThemeChanged(page, {
      bodyBackgroundColor: "#1f1f1f",
      bodyForegroundColor: "#ffffff",
      controlBackgroundColor: "#292929",
      controlForegroundColor: "#ffffff",
    });
    expect(reached).toBe(1);
    await page.locator('[data-theme="dark"]').waitFor();
    expect(await backgroundOf(page)).not.toBe(lightBackground);
    expect(problems).toEqual([]);
    await page.close();
  });

  test("the standalone page follows the system from light to dark", async () => {
    const { page } = await openStandalonePage(browser, server.url, "light");
    expect(await page.locator("[data-theme]").getAttribute("data-theme")).toBe("light");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.locator('[data-theme="dark"]').waitFor();
    await page.close();
  });
});

describe("the standalone page", () => {
  test("an HTML5 drop of an .eml file", async () => {
    const { page, problems } = await openStandalonePage(browser, server.url);
    await dropFile(page, "[data-testid=drop-zone]", "bounce.eml", corpusEml(POSTFIX));
    await expectRecipientsOf(POSTFIX, await shownDiagnosis(page));
    // Outside Outlook there is no new-message form: the email to the admin is offered as text to copy.
    expect(await page.getByRole("button", { name: "Draft email to recipient admin" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Copy email for recipient admin" }).isEnabled()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  test("pasted text, then an opened file", async () => {
    const { page } = await openStandalonePage(browser, server.url);
    await page.getByRole("textbox", { name: "Paste the bounce" }).fill(corpusEml(OFFICE365));
    await page.getByRole("button", { name: "Diagnose pasted text" }).click();
    await expectRecipientsOf(OFFICE365, await shownDiagnosis(page));

    await page.locator("input[type=file]").setInputFiles({ name: "gmail.eml", mimeType: "message/rfc822", buffer: Buffer.from(corpusEml(GMAIL)) });
    // Both bounces are about the same address: the status tells the second diagnosis apart.
    await page.getByTestId("recipient").filter({ hasText: corpusExpected(GMAIL).recipients[0].deliverystatus! }).waitFor();
    await expectRecipientsOf(GMAIL, await shownDiagnosis(page));
    await page.close();
  });

  test("the samples written for the page are each diagnosed as bounces", async () => {
    const { page } = await openStandalonePage(browser, server.url);
    const buttons = page.getByRole("list", { name: /Try a sample/ }).getByRole("button");
    // Exchange Online SPF, Gmail unknown user, Postfix mailbox full, Exim relay denied, in the page's order.
    const recipients = ["bob@partner.example.net", "jordan.lee@example.org", "kim@example.net", "orders@example.net"];
    expect(await buttons.count()).toBe(recipients.length);
    for (const [index, address] of recipients.entries()) {
      await buttons.nth(index).click();
      await page.getByTestId("recipient").filter({ hasText: address }).waitFor();
      expect(await page.locator("#summary-heading").textContent()).not.toBe("");
    }
    await page.close();
  });

  test("a common bounce is read without fetching the MIME parser; a message that needs it fetches it", async () => {
    const { page } = await openStandalonePage(browser, server.url);
    const requested: string[] = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    const fetchedParser = () => requested.some((pathname) => pathname.includes("mime-parser"));
    await page.getByRole("button", { name: /Gmail/ }).click();
    await page.getByTestId("recipient").first().waitFor();
    expect(fetchedParser()).toBe(false);
    // Text in one part and HTML alone in another: postal-mime makes the text of the HTML part, so the quick reader leaves it to postal-mime.
    const bounce = [
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
      "To: sender@example.com",
      "Subject: Undelivered Mail Returned to Sender",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "This is the mail system at host mx.example.net.",
      "--b",
      "Content-Type: text/html",
      "",
      "<p>Your message could not be delivered.</p>",
      "--b",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.net",
      "",
      "Final-Recipient: rfc822; parser.check@example.org",
      "Action: failed",
      "Status: 5.1.1",
      "Diagnostic-Code: smtp; 550 5.1.1 <parser.check@example.org>: Recipient address rejected: User unknown",
      "--b--",
      "",
    ].join("\r\n");
    await page.locator("input[type=file]").setInputFiles({ name: "html.eml", mimeType: "message/rfc822", buffer: Buffer.from(bounce) });
    await page.getByTestId("recipient").filter({ hasText: "parser.check@example.org" }).waitFor();
    expect(fetchedParser()).toBe(true);
    await page.close();
  });

  test("the page fits 320 px without scrolling sideways and never loads office.js", async () => {
    const requested: string[] = [];
    const page = await browser.context.newPage();
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${server.url}/index.html`);
    await page.getByRole("button", { name: /Exchange Online/ }).click();
    await page.getByTestId("recipient").first().waitFor();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(requested.some((pathname) => /office/i.test(pathname))).toBe(false);
    await page.close();
  });
});
