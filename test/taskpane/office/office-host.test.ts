/**
 * The Office adapter against the simulated Outlook host (the same script the end-to-end
 * tests serve as office.js), run in node on a stand-in window object.
 */
import { createBrowserHost, createOfficeHost, type MailHost } from "../../../src/taskpane/office";
import { OfficeCallError } from "../../../src/taskpane/office/async";
import type { DropEvent } from "../../../src/taskpane/office/host";
import type { MessageParts } from "../../../src/ndr/types";
import { installFakeOffice, type FakeOfficeOptions } from "../../e2e/support/fake-office";
import { writeMsg } from "../../support/msg-writer";
import { DELIVERY_STATUS, NDR_EML, NDR_HEADERS, textOf } from "./samples";

const FORWARDED_BODY = "Please look at this.\n\n-----Original Message-----\nFrom: Mail Delivery System\n550 5.1.1 User unknown";

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

async function hostWith(options: FakeOfficeOptions, timeoutMs = 2000) {
  const win = installFakeOffice(options);
  const host = await createOfficeHost({ office: win.Office, timeoutMs, readyTimeoutMs: 2000, noDropAfterMs: 30 });
  return { host, win };
}

const tick = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

const ndrItem = {
  itemClass: "REPORT.IPM.Note.NDR",
  subject: "Undelivered Mail Returned to Sender",
  bodyText: "I'm sorry to have to inform you that your message could not be delivered.",
  bodyHtml: "<p>I'm sorry to have to inform you that your message could not be delivered.</p>",
  internetHeaders: NDR_HEADERS,
  eml: NDR_EML,
  // The delivery-status part as a server named it: Outlook looks its type up from ".txt".
  attachments: [{ name: "details.txt", content: DELIVERY_STATUS }],
};

describe("createOfficeHost", () => {
  test("starts in Outlook with its language and theme", async () => {
    const { host } = await hostWith({
      displayLanguage: "zh-TW",
      theme: { bodyBackgroundColor: "#1F1F1F", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#292929", controlForegroundColor: "#FFFFFF" },
      item: ndrItem,
    });
    expect(host.mode).toBe("read");
    expect(host.displayLanguage).toBe("zh-TW");
    expect(host.theme).toEqual({ isDark: true, bodyBackgroundColor: "#1F1F1F" });
    expect(host.theme).toBe(host.theme); // stable while Outlook's theme is unchanged
    expect(host.canDraft).toBe(true);
  });

  test("dark or light comes from the body background, since isDarkTheme isn't supported in Outlook", async () => {
    const { host, win } = await hostWith({ item: ndrItem });
    expect(host.theme?.isDark).toBe(false);
    expect("isDarkTheme" in win.Office.context.officeTheme).toBe(false);
    // Older clients have no Office theme at all (Mailbox 1.14): the pane follows the system.
    expect((await hostWith({ mailboxVersion: "1.13", item: ndrItem })).host.theme).toBeNull();
  });

  test("refuses to start outside Outlook or without Office.js", async () => {
    const win = installFakeOffice({ host: null });
    await expect(createOfficeHost({ office: win.Office })).rejects.toMatchObject({ failure: "not-outlook" });
    await expect(createOfficeHost({ office: undefined })).rejects.toMatchObject({ failure: "not-loaded" });
  });
});

describe("readCurrentItem", () => {
  test("takes the whole MIME through getAsFileAsync where Mailbox 1.14 is supported", async () => {
    const { host } = await hostWith({ mailboxVersion: "1.14", item: ndrItem });
    const reading = await host.readCurrentItem();
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.sources).toHaveLength(1);
    const [only] = reading.sources;
    expect(only.origin).toBe("item");
    expect(only.name).toBeUndefined();
    expect(textOf(only.source as Uint8Array)).toBe(NDR_EML);
  });

  test("falls back to body, headers and attachment contents on Mailbox 1.8", async () => {
    const { host, win } = await hostWith({ mailboxVersion: "1.8", item: ndrItem });
    const reading = await host.readCurrentItem();
    if (!reading.ok) throw new Error(reading.detail);
    const parts = reading.sources[0].source as MessageParts;
    expect(parts.kind).toBe("parts");
    expect(parts.text).toBe(ndrItem.bodyText);
    expect(parts.html).toBe(ndrItem.bodyHtml);
    expect(parts.headers).toBe(NDR_HEADERS);
    expect(parts.attachments).toHaveLength(1);
    // Outlook says text/plain (the extension's lookup); the content says delivery-status, and that is what the parser gets.
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated field is what is being checked
    expect((win.Office.context.mailbox.item as Office.MessageRead).attachments[0].contentType).toBe("text/plain");
    expect(parts.attachments![0]).toMatchObject({ name: "details.txt", contentType: "message/delivery-status" });
    expect(textOf(parts.attachments![0].content as Uint8Array)).toBe(DELIVERY_STATUS);
  });

  test("says which item it read: subject, sender and date", async () => {
    const { host } = await hostWith({ item: { ...ndrItem, from: { displayName: "Mail Delivery System", emailAddress: "MAILER-DAEMON@mx.sender.test" }, dateTimeCreated: "2026-01-05T10:00:01Z" } });
    const reading = await host.readCurrentItem();
    expect(reading).toMatchObject({
      ok: true,
      item: { subject: "Undelivered Mail Returned to Sender", from: "Mail Delivery System <MAILER-DAEMON@mx.sender.test>", date: "2026-01-05T10:00:01.000Z" },
    });
  });

  test("tells one item from another by Outlook's item id, so a second reading of the same message can be told apart", async () => {
    const { host, win } = await hostWith({ item: { ...ndrItem, itemId: "AAMkAGI2TG93AAA=" } });
    const ids: (string | undefined)[] = [];
    for (let i = 0; i < 2; i++) ids.push((await host.readCurrentItem()).item?.id);
    // A different message with the same subject, sender and date is still another item.
    win.__fakeOffice.setItem({ ...ndrItem });
    ids.push((await host.readCurrentItem()).item?.id);
    expect(ids[0]).toBe("AAMkAGI2TG93AAA=");
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toMatch(/^AAMk/);
    expect(ids[2]).not.toBe(ids[0]);
  });

  test("falls back to the parts when getAsFileAsync fails", async () => {
    const { host } = await hostWith({ item: ndrItem, failures: { getAsFileAsync: { code: 9049 } } });
    const reading = await host.readCurrentItem();
    if (!reading.ok) throw new Error(reading.detail);
    expect((reading.sources[0].source as MessageParts).headers).toBe(NDR_HEADERS);
  });

  test("falls back to the parts when getAsFileAsync never answers", async () => {
    const { host } = await hostWith({ item: ndrItem, failures: { getAsFileAsync: "never" } }, 50);
    const reading = await host.readCurrentItem();
    if (!reading.ok) throw new Error(reading.detail);
    expect((reading.sources[0].source as MessageParts).text).toBe(ndrItem.bodyText);
  });

  test("reads only the body on a Mailbox 1.1 client", async () => {
    const { host } = await hostWith({ mailboxVersion: "1.1", item: ndrItem });
    const reading = await host.readCurrentItem();
    if (!reading.ok) throw new Error(reading.detail);
    expect(reading.sources[0].source).toEqual({ kind: "parts", text: ndrItem.bodyText, html: ndrItem.bodyHtml });
    expect(host.canDraft).toBe(false);
  });

  test("puts bounces forwarded as attachments (.eml item, .msg file) first, then the message itself", async () => {
    const msg = writeMsg({
      messageClass: "REPORT.IPM.Note.NDR",
      subject: "Undeliverable: quarterly report",
      body: "Your message to carol@example.net couldn't be delivered.",
      recipients: [{ email: "carol@example.net", supplementaryInfo: "550 5.7.1 Service unavailable; client host blocked" }],
    });
    const { host } = await hostWith({
      item: {
        itemClass: "IPM.Note",
        subject: "FW: bounces",
        bodyText: FORWARDED_BODY,
        eml: "From: alice@sender.test\r\nSubject: FW: bounces\r\n\r\n" + FORWARDED_BODY,
        attachments: [
          { name: "logo.png", base64: base64(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00])) },
          { name: "Undelivered Mail Returned to Sender", attachmentType: "item", content: NDR_EML },
          { name: "Undeliverable quarterly report.msg", base64: base64(msg) },
          // Named as text, but a whole message: the content decides.
          { name: "bounce saved as text.txt", content: NDR_EML },
          // Named .eml, but an image: not taken for a message.
          { name: "not a message.eml", base64: base64(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10])) },
        ],
      },
    });
    const reading = await host.readCurrentItem();
    if (!reading.ok) throw new Error(reading.detail);
    expect(reading.sources.map((s) => [s.origin, s.name])).toEqual([
      ["attachment", "Undelivered Mail Returned to Sender"],
      ["attachment", "Undeliverable quarterly report.msg"],
      ["attachment", "bounce saved as text.txt"],
      ["item", undefined],
    ]);
    expect(reading.sources[0].source).toBe(NDR_EML);
    const fromMsg = reading.sources[1].source as MessageParts;
    expect(fromMsg.text).toContain("carol@example.net\nRemote server returned '550 5.7.1 Service unavailable; client host blocked'");
    expect(textOf(reading.sources[2].source as Uint8Array)).toBe(NDR_EML);
    expect(textOf(reading.sources[3].source as Uint8Array)).toContain("550 5.1.1 User unknown");
  });

  test("in a Forward draft, reads the quoted bounce from the body", async () => {
    const { host } = await hostWith({
      item: { kind: "compose", subject: "FW: Undeliverable", bodyText: FORWARDED_BODY, bodyHtml: "<p>Please look</p>" },
    });
    expect(host.mode).toBe("compose");
    const reading = await host.readCurrentItem();
    if (!reading.ok) throw new Error(reading.detail);
    expect(reading.sources).toEqual([
      { origin: "body", source: { kind: "parts", text: FORWARDED_BODY, html: "<p>Please look</p>" } },
    ]);
  });

  test("in a draft with the bounce attached, reads the attachment too", async () => {
    const { host } = await hostWith({
      item: { kind: "compose", bodyText: "see attached", attachments: [{ name: "bounce.eml", attachmentType: "item", content: NDR_EML }] },
    });
    const reading = await host.readCurrentItem();
    if (!reading.ok) throw new Error(reading.detail);
    expect(reading.sources.map((s) => s.origin)).toEqual(["attachment", "body"]);
    expect(reading.sources[0].source).toBe(NDR_EML);
  });

  test("says no-item when nothing is selected", async () => {
    const { host } = await hostWith({ item: null });
    await expect(host.readCurrentItem()).resolves.toMatchObject({ ok: false, reason: "no-item" });
  });

  test("a restricted item (web and new Outlook open the pane on an NDR, then refuse every call with 9017) is unreadable, and says which item", async () => {
    for (const mailboxVersion of ["1.14", "1.8", "1.1"]) {
      const { host } = await hostWith({ mailboxVersion, item: { ...ndrItem, itemClass: "IPM.Note", restricted: true } });
      const reading = await host.readCurrentItem();
      expect(reading).toMatchObject({ ok: false, reason: "unreadable", item: { subject: ndrItem.subject } });
      if (!reading.ok) expect(reading.detail).toMatch(/AccessRestricted \(9017\).*Forward the bounce as an attachment/);
    }
  });

  test("a delivery report (IPM.Report.*, where add-ins are documented not to run) that fails to read is unreadable, whatever the code", async () => {
    const { host } = await hostWith({ mailboxVersion: "1.8", item: ndrItem, failures: { "body.getAsync": { code: 5001 } } });
    const reading = await host.readCurrentItem();
    expect(reading).toMatchObject({ ok: false, reason: "unreadable", item: { subject: ndrItem.subject } });
    if (!reading.ok) expect(reading.detail).toContain("An internal error has occurred. (5001)");
  });

  test("failures are classified by Outlook's numeric code, never by the (localized) name", async () => {
    const plain = { ...ndrItem, itemClass: "IPM.Note" };
    const restricted = await hostWith({ mailboxVersion: "1.8", displayLanguage: "zh-TW", item: plain, failures: { "body.getAsync": { code: 9017, name: "存取受限" } } });
    expect(await restricted.host.readCurrentItem()).toMatchObject({ ok: false, reason: "unreadable" });
    const generic = await hostWith({ mailboxVersion: "1.8", item: plain, failures: { "body.getAsync": { code: 9020, name: "AccessRestricted" } } });
    expect(await generic.host.readCurrentItem()).toMatchObject({ ok: false, reason: "error" });
    // A generic error in a zh-TW Outlook comes with a Chinese name; it is shown, not matched.
    const internal = await hostWith({ mailboxVersion: "1.8", displayLanguage: "zh-TW", item: plain, failures: { "body.getAsync": { code: 5001 } } });
    const reading = await internal.host.readCurrentItem();
    expect(reading).toMatchObject({ ok: false, reason: "error" });
    if (!reading.ok) expect(reading.detail).toContain("發生內部錯誤。 (5001)");
  });

  test("says error, with the API's name, when the body never comes", async () => {
    const { host } = await hostWith({ mailboxVersion: "1.8", item: { ...ndrItem, itemClass: "IPM.Note" }, failures: { "body.getAsync": "never" } }, 50);
    const reading = await host.readCurrentItem();
    expect(reading).toMatchObject({ ok: false, reason: "error" });
    if (!reading.ok) expect(reading.detail).toMatch(/item\.body\.getAsync\(text\) failed: Outlook did not answer/);
  });

  test("skips attachments Outlook will not hand over and keeps the rest", async () => {
    const { host } = await hostWith({
      mailboxVersion: "1.8",
      item: { ...ndrItem, attachments: [...ndrItem.attachments, { name: "link", attachmentType: "cloud" }] },
    });
    const reading = await host.readCurrentItem();
    if (!reading.ok) throw new Error(reading.detail);
    expect((reading.sources[0].source as MessageParts).attachments?.map((a) => a.name)).toEqual(["details.txt"]);
  });
});

describe("events", () => {
  test("ItemChanged reaches subscribers until they unsubscribe; the pane's mode never changes", async () => {
    const { host, win } = await hostWith({ item: ndrItem });
    const seen: string[] = [];
    const stop = host.onItemChanged(() => seen.push(host.mode));
    await tick();
    expect(win.__fakeOffice.fireItemChanged({ subject: "another message" })).toBe(1);
    expect(seen).toEqual(["read"]);
    // Pinning doesn't cross modes: a read pane is never handed a draft.
    expect(() => win.__fakeOffice.fireItemChanged({ kind: "compose", bodyText: "x" })).toThrow(/never handed a compose item/);
    stop();
    await tick();
    expect(win.__fakeOffice.fireItemChanged()).toBe(0);
    expect(seen).toEqual(["read"]);
  });

  test("OfficeThemeChanged hands the new theme to subscribers until they unsubscribe", async () => {
    const { host, win } = await hostWith({ item: ndrItem });
    const seen: Array<MailHost["theme"]> = [];
    const stop = host.onThemeChanged(() => seen.push(host.theme));
    await tick();
    expect(host.theme?.isDark).toBe(false);
    const dark = { bodyBackgroundColor: "#1F1F1F", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#292929", controlForegroundColor: "#FFFFFF" };
    expect(win.__fakeOffice.fireThemeChanged(dark)).toBe(1);
    expect(seen).toEqual([{ isDark: true, bodyBackgroundColor: "#1F1F1F" }]);
    stop();
    await tick();
    expect(win.__fakeOffice.fireThemeChanged(dark)).toBe(0);
    expect(seen).toHaveLength(1);
  });

  test("no OfficeThemeChanged subscription below Mailbox 1.14, and unsubscribing is harmless", async () => {
    const { host, win } = await hostWith({ mailboxVersion: "1.13", item: ndrItem });
    const stop = host.onThemeChanged(() => {});
    await tick();
    expect(win.__fakeOffice.handlers.officeThemeChanged).toBeUndefined();
    expect(() => stop()).not.toThrow();
  });

  test("no ItemChanged subscription below Mailbox 1.5", async () => {
    const { host, win } = await hostWith({ mailboxVersion: "1.4", item: ndrItem });
    host.onItemChanged(() => {});
    await tick();
    expect(win.__fakeOffice.fireItemChanged()).toBe(0);
  });

  test("a drop hands over readable files as sources and names the others", async () => {
    const { host, win } = await hostWith({ item: null });
    const drops: DropEvent[] = [];
    host.onDrop((drop) => drops.push(drop));
    await tick();
    win.__fakeOffice.fireDragOver();
    win.__fakeOffice.fireDrop([
      { name: "Undelivered Mail.eml", content: NDR_EML },
      { name: "photo.jpg", base64: base64(new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10])) },
    ]);
    await tick(80);
    expect(drops.map((d) => (d.kind === "files" ? { sources: d.sources.map((s) => `${s.origin}:${s.name}`), errors: d.errors } : d))).toEqual([
      { sources: ["drop:Undelivered Mail.eml"], errors: ["photo.jpg is neither an email (.eml, .msg) nor text"] },
    ]);
  });

  test("a drop without data (office-js #6541) and a drag with no drop (#6370) are told, not swallowed", async () => {
    const { host, win } = await hostWith({ client: "new-windows", item: null });
    const drops: DropEvent[] = [];
    host.onDrop((drop) => drops.push(drop));
    await tick();
    expect(win.__fakeOffice.fireEmptyDrop()).toBe(1);
    await tick();
    expect(drops).toEqual([{ kind: "empty" }]);
    // Dragging the open message: dragover after dragover, then nothing.
    for (let i = 0; i < 3; i++) win.__fakeOffice.fireDragOver();
    await tick(80);
    expect(drops).toEqual([{ kind: "empty" }, { kind: "no-drop" }]);
  });

  test("a drop that arrives after the quiet time (large attachments, office-js #6607) is still read", async () => {
    const { host, win } = await hostWith({ item: null });
    const drops: DropEvent[] = [];
    host.onDrop((drop) => drops.push(drop));
    await tick();
    win.__fakeOffice.fireDragOver();
    await tick(80);
    expect(drops).toEqual([{ kind: "no-drop" }]);
    win.__fakeOffice.fireDrop([{ name: "Undelivered Mail.eml", content: NDR_EML }]);
    await tick(80);
    expect(drops.map((d) => (d.kind === "files" ? d.sources.map((s) => s.name) : d.kind))).toEqual(["no-drop", ["Undelivered Mail.eml"]]);
  });

  test.each(["classic-windows", "mac"] as const)("%s Outlook has no DragAndDropEvent: the pane does not register it (Office.js would throw)", async (client) => {
    const { host, win } = await hostWith({ client, item: null });
    // The simulated client throws at once, as Office.js's argument check does.
    expect(() => win.Office.context.mailbox.addHandlerAsync(win.Office.EventType.DragAndDropEvent, () => {})).toThrow(/Sys.ArgumentException.*not supported/);
    expect(() => host.onDrop(() => {})).not.toThrow();
    await tick();
    expect(win.__fakeOffice.handlers.olkDragAndDropEvent).toBeUndefined();
    // ItemChanged is there on every desktop client.
    host.onItemChanged(() => {});
    await tick();
    expect(win.__fakeOffice.handlers.olkItemSelectedChanged).toHaveLength(1);
  });

  test("the simulated clients open a pane on a delivery report only where Outlook does (web, new Outlook)", () => {
    const report = { itemClass: "REPORT.IPM.Note.NDR", eml: NDR_EML };
    for (const client of ["classic-windows", "mac"] as const) expect(() => installFakeOffice({ client, item: report })).toThrow(/do not open an add-in on REPORT\.IPM\.Note\.NDR/);
    for (const client of ["web", "new-windows"] as const) expect(installFakeOffice({ client, item: report }).Office.context.mailbox.item?.itemClass).toBe("REPORT.IPM.Note.NDR");
  });

  test("an event the client refuses on the spot is caught, whatever the client claims to be", async () => {
    const win = installFakeOffice({ client: "classic-windows", item: null });
    // A client that reports itself as the web one but throws like a desktop one.
    win.Office.context.mailbox.diagnostics.hostName = "OutlookWebApp";
    const host = await createOfficeHost({ office: win.Office, readyTimeoutMs: 2000 });
    const stop = host.onDrop(() => {});
    await tick();
    expect(win.__fakeOffice.handlers.olkDragAndDropEvent).toBeUndefined();
    expect(() => stop()).not.toThrow();
  });
});

describe("compose mode (a Forward of the bounce)", () => {
  test("has no new-message form: the draft is not offered as one", async () => {
    const { host, win } = await hostWith({ mailboxVersion: "1.14", item: { kind: "compose", bodyText: FORWARDED_BODY } });
    expect(host.mode).toBe("compose");
    expect(win.Office.context.mailbox.displayNewMessageFormAsync).toBeUndefined();
    expect(win.Office.context.mailbox.displayNewMessageForm).toBeUndefined();
    expect(host.canDraft).toBe(false);
    await expect(host.openDraft({ to: ["postmaster@example.org"], subject: "s", htmlBody: "<p>b</p>" })).rejects.toMatchObject({
      failure: "not-supported",
      message: expect.stringMatching(/read mode only/),
    });
    expect(win.__draftCalls).toEqual([]);
  });
});

describe("openDraft", () => {
  const draft = { to: ["postmaster@example.org"], subject: "Mail from sender.test rejected", htmlBody: "<p>Hello &lt;postmaster&gt;</p>" };

  test("uses displayNewMessageFormAsync on Mailbox 1.9", async () => {
    const { host, win } = await hostWith({ mailboxVersion: "1.9", item: ndrItem });
    await host.openDraft(draft);
    expect(win.__draftCalls).toEqual([
      { api: "displayNewMessageFormAsync", parameters: { toRecipients: draft.to, subject: draft.subject, htmlBody: draft.htmlBody } },
    ]);
  });

  test("falls back to displayNewMessageForm on Mailbox 1.6", async () => {
    const { host, win } = await hostWith({ mailboxVersion: "1.6", item: ndrItem });
    await host.openDraft(draft);
    expect(win.__draftCalls.map((c) => c.api)).toEqual(["displayNewMessageForm"]);
  });

  test("reports a failed form and a client without forms", async () => {
    const failing = await hostWith({ item: ndrItem, failures: { displayNewMessageFormAsync: { code: 9020, message: "form blocked" } } });
    await expect(failing.host.openDraft(draft)).rejects.toThrow(/displayNewMessageFormAsync failed: form blocked/);
    const old = await hostWith({ mailboxVersion: "1.5", item: ndrItem });
    expect(old.host.canDraft).toBe(false);
    await expect(old.host.openDraft(draft)).rejects.toBeInstanceOf(OfficeCallError);
  });
});

describe("createBrowserHost", () => {
  test("has no item and no drafts outside Outlook", async () => {
    const host: MailHost = createBrowserHost("zh-TW");
    expect([host.mode, host.displayLanguage, host.theme, host.canDraft]).toEqual(["none", "zh-TW", null, false]);
    await expect(host.readCurrentItem()).resolves.toMatchObject({ ok: false, reason: "no-item" });
    expect(typeof host.onDrop(() => {})).toBe("function");
    expect(typeof host.onItemChanged(() => {})).toBe("function");
    expect(typeof host.onThemeChanged(() => {})).toBe("function");
    await expect(host.openDraft({ to: [], subject: "", htmlBody: "" })).rejects.toThrow(/needs Outlook/);
  });
});

