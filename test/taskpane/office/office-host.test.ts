/**
 * The Office adapter against the simulated Outlook host (the same script the end-to-end
 * tests serve as office.js), run in node on a stand-in window object.
 */
import { createBrowserHost, createOfficeHost, OfficeCallError, type MailHost } from "../../../src/taskpane/office";
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
  const host = await createOfficeHost({ office: win.Office, timeoutMs, readyTimeoutMs: 2000 });
  return { host, win };
}

const ndrItem = {
  itemClass: "REPORT.IPM.Note.NDR",
  subject: "Undelivered Mail Returned to Sender",
  bodyText: "I'm sorry to have to inform you that your message could not be delivered.",
  bodyHtml: "<p>I'm sorry to have to inform you that your message could not be delivered.</p>",
  internetHeaders: NDR_HEADERS,
  eml: NDR_EML,
  attachments: [{ name: "details.txt", contentType: "message/delivery-status", content: DELIVERY_STATUS }],
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

  test("a light theme is not dark; an explicit isDarkTheme wins", async () => {
    expect((await hostWith({ item: ndrItem })).host.theme?.isDark).toBe(false);
    const explicit = await hostWith({
      theme: { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000", controlBackgroundColor: "#FFF", controlForegroundColor: "#000", isDarkTheme: true },
    });
    expect(explicit.host.theme?.isDark).toBe(true);
  });

  test("refuses to start outside Outlook or without Office.js", async () => {
    const win = installFakeOffice({ host: null });
    await expect(createOfficeHost({ office: win.Office })).rejects.toMatchObject({ code: "NotOutlook" });
    await expect(createOfficeHost({ office: undefined })).rejects.toMatchObject({ code: "NotLoaded" });
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
    const { host } = await hostWith({ mailboxVersion: "1.8", item: ndrItem });
    const reading = await host.readCurrentItem();
    if (!reading.ok) throw new Error(reading.detail);
    const parts = reading.sources[0].source as MessageParts;
    expect(parts.kind).toBe("parts");
    expect(parts.text).toBe(ndrItem.bodyText);
    expect(parts.html).toBe(ndrItem.bodyHtml);
    expect(parts.headers).toBe(NDR_HEADERS);
    expect(parts.attachments).toHaveLength(1);
    expect(parts.attachments![0]).toMatchObject({ name: "details.txt", contentType: "message/delivery-status" });
    expect(textOf(parts.attachments![0].content as Uint8Array)).toBe(DELIVERY_STATUS);
  });

  test("falls back to the parts when getAsFileAsync fails", async () => {
    const { host } = await hostWith({ item: ndrItem, failures: { getAsFileAsync: { name: "ItemNotFound", message: "gone" } } });
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
          { name: "logo.png", contentType: "image/png", base64: base64(new Uint8Array([0x89, 0x50, 0x4e, 0x47])) },
          { name: "Undelivered Mail Returned to Sender", attachmentType: "item", content: NDR_EML },
          { name: "Undeliverable quarterly report.msg", contentType: "application/vnd.ms-outlook", base64: base64(msg) },
        ],
      },
    });
    const reading = await host.readCurrentItem();
    if (!reading.ok) throw new Error(reading.detail);
    expect(reading.sources.map((s) => [s.origin, s.name])).toEqual([
      ["attachment", "Undelivered Mail Returned to Sender"],
      ["attachment", "Undeliverable quarterly report.msg"],
      ["item", undefined],
    ]);
    expect(reading.sources[0].source).toBe(NDR_EML);
    const fromMsg = reading.sources[1].source as MessageParts;
    expect(fromMsg.text).toContain("carol@example.net\nRemote server returned '550 5.7.1 Service unavailable; client host blocked'");
    expect(textOf(reading.sources[2].source as Uint8Array)).toContain("550 5.1.1 User unknown");
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

  test("says unreadable when Outlook refuses a delivery report", async () => {
    const { host } = await hostWith({
      mailboxVersion: "1.8",
      item: ndrItem,
      failures: { "body.getAsync": { name: "PermissionDenied", message: "Restricted item" } },
    });
    const reading = await host.readCurrentItem();
    expect(reading).toMatchObject({ ok: false, reason: "unreadable" });
    if (!reading.ok) expect(reading.detail).toMatch(/Restricted item.*Forward the bounce as an attachment/);
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
  test("ItemChanged reaches subscribers until they unsubscribe", async () => {
    const { host, win } = await hostWith({ item: ndrItem });
    const seen: string[] = [];
    const stop = host.onItemChanged(() => seen.push(host.mode));
    await new Promise((r) => setTimeout(r, 10));
    expect(win.__fakeOffice.fireItemChanged({ kind: "compose", bodyText: "x" })).toBe(1);
    expect(seen).toEqual(["compose"]);
    stop();
    await new Promise((r) => setTimeout(r, 10));
    expect(win.__fakeOffice.fireItemChanged()).toBe(0);
    expect(seen).toEqual(["compose"]);
  });

  test("OfficeThemeChanged hands the new theme to subscribers until they unsubscribe", async () => {
    const { host, win } = await hostWith({ item: ndrItem });
    const seen: Array<MailHost["theme"]> = [];
    const stop = host.onThemeChanged(() => seen.push(host.theme));
    await new Promise((r) => setTimeout(r, 10));
    expect(host.theme?.isDark).toBe(false);
    const dark = { bodyBackgroundColor: "#1F1F1F", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#292929", controlForegroundColor: "#FFFFFF" };
    expect(win.__fakeOffice.fireThemeChanged(dark)).toBe(1);
    expect(seen).toEqual([{ isDark: true, bodyBackgroundColor: "#1F1F1F" }]);
    stop();
    await new Promise((r) => setTimeout(r, 10));
    expect(win.__fakeOffice.fireThemeChanged(dark)).toBe(0);
    expect(seen).toHaveLength(1);
  });

  test("no OfficeThemeChanged subscription below Mailbox 1.14, and unsubscribing is harmless", async () => {
    const { host, win } = await hostWith({ mailboxVersion: "1.13", item: ndrItem });
    const stop = host.onThemeChanged(() => {});
    await new Promise((r) => setTimeout(r, 10));
    expect(win.__fakeOffice.handlers.officeThemeChanged).toBeUndefined();
    expect(() => stop()).not.toThrow();
  });

  test("no ItemChanged subscription below Mailbox 1.5", async () => {
    const { host, win } = await hostWith({ mailboxVersion: "1.4", item: ndrItem });
    host.onItemChanged(() => {});
    await new Promise((r) => setTimeout(r, 10));
    expect(win.__fakeOffice.fireItemChanged()).toBe(0);
  });

  test("a drop hands over readable files as sources and names the others", async () => {
    const { host, win } = await hostWith({ item: null });
    const drops: Array<[string[], string[]]> = [];
    host.onDrop((sources, errors) => drops.push([sources.map((s) => `${s.origin}:${s.name}`), errors ?? []]));
    await new Promise((r) => setTimeout(r, 10));
    win.__fakeOffice.fireDragOver();
    win.__fakeOffice.fireDrop([
      { name: "Undelivered Mail.eml", content: NDR_EML },
      { name: "photo.jpg", base64: base64(new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10])) },
    ]);
    await new Promise((r) => setTimeout(r, 50));
    expect(drops).toEqual([[["drop:Undelivered Mail.eml"], ["photo.jpg is neither an email (.eml, .msg) nor text"]]]);
  });

  test("a client without the drag-and-drop event is not an error", async () => {
    const { host, win } = await hostWith({ item: null, supportsDragAndDrop: false });
    expect(() => host.onDrop(() => {})).not.toThrow();
    await new Promise((r) => setTimeout(r, 10));
    expect(win.__fakeOffice.fireDrop([{ name: "a.eml", content: NDR_EML }])).toBe(0);
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
    const failing = await hostWith({ item: ndrItem, failures: { displayNewMessageFormAsync: { name: "GenericResponseError", message: "form blocked" } } });
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

