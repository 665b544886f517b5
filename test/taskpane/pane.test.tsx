/**
 * The pane in jsdom with the real parser and guidance engine, a host double the test
 * drives (item, item changes, drops, drafts) and a recorded backend client.
 *
 * A getBy or findBy query is itself the assertion: it throws (or rejects) when the
 * element is missing or is not the only one, with the DOM in its message.
 */
import "./support/dom-globals";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { parseBounce } from "../../src/ndr";
import { diagnose } from "../../src/guidance";
import { CheckError } from "../../src/taskpane/checks-client";
import type { Checks } from "../../src/spf/types";
import { checkAlignment } from "../../src/spf/alignment";
import {
  corpusBounce,
  failingChecks,
  itemSource,
  recordedChecks,
  renderPane,
  sample,
  testHost,
  testServices,
} from "./support/pane";

const never = () => new Promise<Checks>(() => {});

describe("the pane on a bounce", () => {
  test("shows DMARC alignment first, with its deciding fact, then SPF and DMARC", async () => {
    const eml = corpusBounce("lhost-gmail-04");
    const bounce = await parseBounce(eml);
    const base = failingChecks("bounces.esp.example", "192.0.2.10");
    const spf = { ...(base.spf as Exclude<Checks["spf"], { error: string }>), result: "pass" as const };
    const alignment = checkAlignment({ fromDomain: "shop.example", spf: { domain: spf.domain, result: spf.result }, dkim: [], policy: null });
    const checks: Checks = { ...base, spf, alignment };
    renderPane(testHost({ ok: true, sources: [itemSource(eml)] }), testServices(recordedChecks(async () => checks).fetchChecks));

    // This bounce is a blocklist rejection: the authentication facts sit folded behind the live checks until opened.
    fireEvent.click(within(await screen.findByTestId("auth-collapsed", {}, { timeout: 10_000 })).getByRole("button"));
    const facts = await screen.findByTestId("alignment-facts", {}, { timeout: 10_000 });
    within(facts).getByRole("heading", { name: "DMARC alignment with shop.example" });
    expect(within(facts).getByTestId("alignment-deciding").textContent).toBe("SPF is for bounces.esp.example, not shop.example, and nothing signs with DKIM.");
    within(facts).getByText("Not aligned");
    // The deciding fact comes before the SPF and DMARC details.
    const spfFacts = screen.getByTestId("spf-facts");
    expect(facts.compareDocumentPosition(spfFacts) & Node.DOCUMENT_POSITION_FOLLOWING).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(bounce.isBounce).toBe(true);
  });

  test("shows the summary, each failed recipient with the server's words verbatim, and the steps by actor", async () => {
    const eml = corpusBounce("lhost-office365-01");
    const bounce = await parseBounce(eml);
    const guidance = diagnose(bounce, null, "en-US");
    const host = testHost({ ok: true, sources: [itemSource(eml)] });
    renderPane(host, testServices(recordedChecks(never).fetchChecks));

    // The first test of the file loads the parser, guidance and report chunks cold: allow for a busy machine.
    await screen.findByRole("heading", { level: 2, name: guidance.title }, { timeout: 10_000 });
    screen.getByText(guidance.summary);
    const recipient = screen.getByTestId("recipient");
    const failed = bounce.recipients[0];
    within(recipient).getByText(failed.address!);
    within(recipient).getByText(failed.status!);
    within(recipient).getByText(String(failed.replyCode));
    // The remote server's words, character for character, in a preformatted block.
    expect(recipient.querySelector("pre")!.textContent).toBe(failed.diagnostic);
    for (const actor of new Set(guidance.steps.map((step) => step.actor))) {
      const group = screen.getByTestId(`steps-${actor}`);
      const texts = guidance.steps.filter((step) => step.actor === actor).map((step) => step.text);
      expect([...group.querySelectorAll("li")].map((li) => li.textContent)).toEqual(texts);
    }
    expect(screen.getByTestId("announcer").textContent).toBe("Diagnosis ready.");
  });

  test("sends only names and the IP to the backend and shows the SPF and DMARC facts", async () => {
    const eml = corpusBounce("lhost-gmail-04");
    const bounce = await parseBounce(eml);
    const checks = failingChecks(bounce.senderDomain!, bounce.sendingIp);
    const backend = recordedChecks(async () => checks);
    renderPane(testHost({ ok: true, sources: [itemSource(eml)] }), testServices(backend.fetchChecks));

    // A blocklist rejection ("blocked using cbl.abuseat.org"): the blocklist check is asked for, and SPF/DMARC fold away.
    fireEvent.click(within(await screen.findByTestId("auth-collapsed", {}, { timeout: 10_000 })).getByRole("button"));
    const spf = await screen.findByTestId("spf-facts");
    expect(backend.queries).toEqual([
      {
        domain: bounce.senderDomain,
        ip: bounce.sendingIp,
        sender: bounce.originalSender,
        live: { checks: ["dnsbl"], recipientDomain: "example.com", ip: bounce.sendingIp, zones: ["cbl.abuseat.org"] },
      },
    ]);
    within(spf).getByText("Fail");
    within(spf).getByText(`for ${bounce.sendingIp}`);
    expect(within(spf).getByTestId("spf-lookups").textContent).toBe("2/10");
    within(spf).getByText(checks.spf && "record" in checks.spf ? checks.spf.record! : "");
    within(spf).getByText("A finding worded by the backend.");
    // The include tree starts collapsed behind its accordion header.
    const treeHeader = within(spf).getByRole("button", { name: "Include tree (2 records)" });
    expect(within(spf).queryByRole("tree")).toBeNull();
    fireEvent.click(treeHeader);
    const tree = within(spf).getByRole("tree", { name: "SPF include tree" });
    within(tree).getByText("include: _spf.mailer.example");
    const dmarc = screen.getByTestId("dmarc-facts");
    within(dmarc).getByText("Reject");
    within(dmarc).getByText("v=DMARC1; p=reject; rua=mailto:dmarc@example.com");
    // With the checks in, the guidance is the one built from them.
    const guidance = diagnose(bounce, checks, "en-US");
    screen.getByRole("heading", { level: 2, name: guidance.title });
  });

  test("a backend that fails leaves the diagnosis in place and offers Retry", async () => {
    const eml = sample("exchange-online-spf-5.7.23.eml");
    const bounce = await parseBounce(eml);
    const backend = recordedChecks(async (query, call) => {
      if (call === 1) throw new CheckError("timeout", "no answer within 8 s");
      return failingChecks(query.domain, query.ip ?? null);
    });
    renderPane(testHost({ ok: true, sources: [itemSource(eml)] }), testServices(backend.fetchChecks));

    await screen.findByText("SPF and DMARC couldn't be checked");
    screen.getByText(/didn't answer within 8 seconds/);
    screen.getByRole("heading", { level: 2, name: diagnose(bounce, null, "en-US").title });
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    await screen.findByTestId("spf-facts");
    expect(backend.queries).toHaveLength(2);
    expect(screen.queryByText("SPF and DMARC couldn't be checked")).toBeNull();
  });

  test("a bounce that names no sender domain asks the backend nothing", async () => {
    // No To: header and no returned original: nothing says who sent the message.
    const eml = "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nfailed\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; gone@example.org\nAction: failed\nStatus: 5.1.1\n\n--b--\n";
    const bounce = await parseBounce(eml);
    expect(bounce).toMatchObject({ isBounce: true, senderDomain: null });
    const backend = recordedChecks(never);
    renderPane(testHost({ ok: true, sources: [itemSource(eml)] }), testServices(backend.fetchChecks));
    await screen.findByTestId("recipient");
    screen.getByText(/doesn't name the sender's domain/);
    expect(backend.queries).toEqual([]);
  });

  test("text from the bounce is shown as text, never as markup", async () => {
    const markup = '<img src=x onerror="window.__pwned=1"><b>Recipient address rejected</b>';
    const eml = sample("postfix-mailbox-full-delay.eml").replaceAll("Recipient address rejected", markup);
    renderPane(testHost({ ok: true, sources: [itemSource(eml)] }), testServices(recordedChecks(never).fetchChecks));
    const recipient = await screen.findByTestId("recipient");
    expect(recipient.querySelector("pre")!.textContent).toContain(markup);
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("main b")).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe("choosing what to diagnose", () => {
  test("picks the first source that is a bounce and lets the user switch", async () => {
    const host = testHost({
      ok: true,
      sources: [
        itemSource("From: alice@example.com\nTo: bob@example.net\nSubject: FW: it bounced\n\nSee the attachments.\n"),
        { origin: "attachment", name: "first.eml", source: sample("gmail-unknown-user-5.1.1.eml") },
        { origin: "attachment", name: "second.eml", source: sample("postfix-mailbox-full-delay.eml") },
      ],
    });
    renderPane(host, testServices(recordedChecks(never).fetchChecks));

    await screen.findByText("jordan.lee@example.org");
    const picker = screen.getByRole<HTMLSelectElement>("combobox", { name: "Bounce to show" });
    expect([...picker.options].map((option) => option.textContent)).toEqual(["This message", "Attachment: first.eml", "Attachment: second.eml"]);
    expect(picker.value).toBe("1");
    fireEvent.change(picker, { target: { value: "2" } });
    await screen.findByText("kim@example.net");
    screen.getByText("Delayed");
    fireEvent.change(picker, { target: { value: "0" } });
    await screen.findByText("This isn't a bounce");
  });

  test("an item that can't be read says why and a pasted bounce is diagnosed", async () => {
    const host = testHost({ ok: false, reason: "unreadable", detail: "IRM-protected item" });
    renderPane(host, testServices(recordedChecks(never).fetchChecks));

    await screen.findByText("Outlook won't share this message");
    screen.getByText(/IRM-protected item/);
    fireEvent.change(screen.getByRole("textbox", { name: /Paste the bounce/ }), { target: { value: sample("postfix-mailbox-full-delay.eml") } });
    fireEvent.click(screen.getByRole("button", { name: "Diagnose pasted text" }));
    await screen.findByText("kim@example.net");
    expect(screen.queryByText("Outlook won't share this message")).toBeNull();
  });

  test("an engine that fails to load is reported, and the next try loads it again", async () => {
    const eml = sample("gmail-unknown-user-5.1.1.eml");
    const services = testServices(recordedChecks(never).fetchChecks);
    const realLoad = services.loadEngine;
    let offline = true;
    services.loadEngine = () => (offline ? Promise.reject(new Error("Loading chunk engine failed")) : realLoad());
    const host = testHost({ ok: true, sources: [itemSource(eml)] });
    renderPane(host, services);
    await screen.findByText("Couldn't read this message");
    screen.getByText(/Loading chunk engine failed/);
    offline = false;
    act(() => host.itemChanged());
    await screen.findByText("jordan.lee@example.org");
  });

  test("a report that cannot be shown says so and the next bounce shows again", async () => {
    const services = testServices(recordedChecks(never).fetchChecks);
    const engine = await services.loadEngine();
    let broken = true;
    // The guidance engine throwing stands for any failure while showing the report.
    services.loadEngine = async () => ({
      ...engine,
      diagnose: (...args: Parameters<typeof engine.diagnose>) => {
        if (broken) throw new Error("guidance failed");
        return engine.diagnose(...args);
      },
    });
    const host = testHost({ ok: true, sources: [itemSource(sample("gmail-unknown-user-5.1.1.eml"))] });
    const silence = jest.spyOn(console, "error").mockImplementation(() => {});
    renderPane(host, services);
    await screen.findByText("The diagnosis couldn't be shown");
    screen.getByText("guidance failed");
    // The rest of the pane still works.
    screen.getByRole("button", { name: "Open a file…" });
    broken = false;
    host.reading = { ok: true, sources: [itemSource(sample("postfix-mailbox-full-delay.eml"))] };
    act(() => host.itemChanged());
    await screen.findByText("kim@example.net");
    silence.mockRestore();
  });

  test("an ordinary message is not taken for a bounce", async () => {
    renderPane(
      testHost({ ok: true, sources: [itemSource("From: a@example.com\nTo: b@example.net\nSubject: Lunch\n\nNoon?\n")] }),
      testServices(recordedChecks(never).fetchChecks),
    );
    await screen.findByText("This isn't a bounce");
    screen.getByRole("heading", { level: 2, name: "Diagnose a bounce" });
  });

  test("a file opened with the file picker is diagnosed", async () => {
    renderPane(testHost({ ok: false, reason: "no-item", detail: "" }), testServices(recordedChecks(never).fetchChecks));
    await screen.findByText("No message selected");
    const input = document.querySelector("input[type=file]") as HTMLInputElement;
    const file = new File([sample("gmail-unknown-user-5.1.1.eml")], "bounce.eml", { type: "message/rfc822" });
    fireEvent.change(input, { target: { files: [file] } });
    await screen.findByText("jordan.lee@example.org");
  });

  test("a pinned pane diagnoses the next item, and a drop through Outlook replaces it", async () => {
    const host = testHost({ ok: true, sources: [itemSource(sample("gmail-unknown-user-5.1.1.eml"))] });
    renderPane(host, testServices(recordedChecks(never).fetchChecks));
    await screen.findByText("jordan.lee@example.org");

    host.reading = { ok: true, sources: [itemSource(sample("postfix-mailbox-full-delay.eml"))] };
    act(() => host.itemChanged());
    await screen.findByText("kim@example.net");
    expect(screen.queryByText("jordan.lee@example.org")).toBeNull();

    act(() => host.drop({ kind: "files", sources: [{ origin: "drop", name: "bounce.eml", source: sample("exchange-online-spf-5.7.23.eml") }], errors: [] }));
    await screen.findByText("bob@partner.example.net");
  });
});

describe("the pinned pane", () => {
  const item = { subject: "Undeliverable: Q3 \u202Ereport", from: "Microsoft Outlook <postmaster@contoso.example>", date: "2026-03-04T09:30:00.000Z" };

  test("says which message the diagnosis is for, and reads the selected message again on request", async () => {
    const host = testHost({ ok: true, sources: [itemSource(sample("gmail-unknown-user-5.1.1.eml"))], item });
    renderPane(host, testServices(recordedChecks(never).fetchChecks));
    await screen.findByText("jordan.lee@example.org");
    const subject = screen.getByTestId("diagnosis-subject");
    // The subject is the message's own text: its bidi override is removed.
    expect(within(subject).getByTestId("subject-title").textContent).toBe("Undeliverable: Q3 report");
    const dateText = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" }).format(new Date(item.date));
    within(subject).getByText(`From Microsoft Outlook <postmaster@contoso.example> · ${dateText}`);
    expect(host.readCalls).toBe(1);

    // ItemChanged never came (office-js #974): the user asks for the selected message.
    host.reading = { ok: true, sources: [itemSource(sample("postfix-mailbox-full-delay.eml"))], item: { subject: "Delayed Mail", from: null, date: null } };
    fireEvent.click(within(subject).getByRole("button", { name: "Read selected message" }));
    await screen.findByText("kim@example.net");
    expect(host.readCalls).toBe(2);
    expect(screen.getByTestId("subject-title").textContent).toBe("Delayed Mail");
  });

  test("a restricted item says which message Outlook refused and what to try", async () => {
    const host = testHost({ ok: false, reason: "unreadable", detail: "item.body.getAsync failed: AccessRestricted (9017)", item });
    renderPane(host, testServices(recordedChecks(never).fetchChecks));
    await screen.findByText("Outlook won't share this message");
    screen.getByText(/Forward the bounce to yourself as an attachment, drag it onto this pane/);
    expect(screen.getByTestId("subject-title").textContent).toBe("Undeliverable: Q3 report");
  });

  test("a drop that carried nothing, or a drag with no drop, is told with what to try", async () => {
    const host = testHost({ ok: false, reason: "no-item", detail: "" });
    renderPane(host, testServices(recordedChecks(never).fetchChecks));
    await screen.findByText("No message selected");
    act(() => host.drop({ kind: "empty" }));
    within(screen.getByTestId("drop-notice")).getByText("Outlook handed over nothing");
    act(() => host.drop({ kind: "no-drop" }));
    within(screen.getByTestId("drop-notice")).getByText(/Use Read selected message instead/);
    act(() => host.drop({ kind: "files", sources: [], errors: ["photo.jpg is neither an email (.eml, .msg) nor text"] }));
    within(screen.getByTestId("drop-notice")).getByText("photo.jpg is neither an email (.eml, .msg) nor text");
    act(() => host.drop({ kind: "files", sources: [{ origin: "drop", name: "bounce.eml", source: sample("gmail-unknown-user-5.1.1.eml") }], errors: [] }));
    await screen.findByText("jordan.lee@example.org");
    expect(screen.queryByTestId("drop-notice")).toBeNull();
    expect(screen.getByTestId("subject-title").textContent).toBe("Dropped message: bounce.eml");
  });
});

describe("actions", () => {
  test("drafts the email to the recipient's admin in the chosen language", async () => {
    const eml = sample("exchange-online-spf-5.7.23.eml");
    const bounce = await parseBounce(eml);
    const host = testHost({ ok: true, sources: [itemSource(eml)] });
    renderPane(host, testServices(recordedChecks(never).fetchChecks));

    const draftButton = await screen.findByRole("button", { name: "Draft email to recipient admin" });
    const expected = diagnose(bounce, null, "en-US").draft!;
    const language = screen.getByRole<HTMLSelectElement>("combobox", { name: "Language of the email" });
    expect(language.value).toBe(expected.language);
    fireEvent.click(draftButton);
    await waitFor(() => expect(host.drafts).toHaveLength(1));
    expect(host.drafts[0]).toEqual({ to: [expected.to], subject: expected.subject, htmlBody: expected.html });

    fireEvent.change(language, { target: { value: "zh-TW" } });
    fireEvent.click(screen.getByRole("button", { name: "Draft email to recipient admin" }));
    await waitFor(() => expect(host.drafts).toHaveLength(2));
    const inChinese = diagnose(bounce, null, "en-US", { draftLanguage: "zh-TW" }).draft!;
    expect(host.drafts[1]).toEqual({ to: [inChinese.to], subject: inChinese.subject, htmlBody: inChinese.html });
    expect(inChinese.subject).not.toBe(expected.subject);
  });

  test("outside Outlook the email to the admin is copied as text instead", async () => {
    const eml = sample("gmail-unknown-user-5.1.1.eml");
    const draft = diagnose(await parseBounce(eml), null, "en-US").draft!;
    const copied: string[] = [];
    const host = testHost({ ok: true, sources: [itemSource(eml)] }, { canDraft: false, mode: "none" });
    renderPane(host, testServices(recordedChecks(never).fetchChecks, copied));
    fireEvent.click(await screen.findByRole("button", { name: "Copy email for recipient admin" }));
    screen.getByText(`Drafting works inside Outlook. Copy this email and send it to ${draft.to}.`);
    await screen.findByText(`Email copied. Paste it into a new message to ${draft.to}.`);
    expect(copied).toEqual([`To: ${draft.to}\nSubject: ${draft.subject}\n\n${draft.text}`]);
    expect(screen.queryByRole("button", { name: "Draft email to recipient admin" })).toBeNull();
    expect(host.drafts).toEqual([]);
  });

  test("in compose mode (a Forward of the bounce) the email is offered as text, since Outlook has no new-message form there", async () => {
    const eml = sample("exchange-online-spf-5.7.23.eml");
    const draft = diagnose(await parseBounce(eml), null, "en-US").draft!;
    const copied: string[] = [];
    const host = testHost({ ok: true, sources: [{ origin: "body", source: { kind: "parts", text: eml } }] }, { canDraft: false, mode: "compose" });
    renderPane(host, testServices(recordedChecks(never).fetchChecks, copied));
    fireEvent.click(await screen.findByRole("button", { name: "Copy email for recipient admin" }));
    screen.getByText(`Outlook opens a new message only from one you're reading. Copy this email and send it to ${draft.to} when you've finished this one.`);
    await waitFor(() => expect(copied).toHaveLength(1));
    expect(copied[0]).toContain(`Subject: ${draft.subject}`);
    expect(screen.getByTestId("subject-title").textContent).toBe("Quoted in this draft");
  });

  test("copies the report as plain text", async () => {
    const eml = sample("gmail-unknown-user-5.1.1.eml");
    const bounce = await parseBounce(eml);
    const copied: string[] = [];
    renderPane(testHost({ ok: true, sources: [itemSource(eml)] }), testServices(recordedChecks(never).fetchChecks, copied));
    fireEvent.click(await screen.findByRole("button", { name: "Copy report" }));
    await screen.findByText("Report copied.");
    const guidance = diagnose(bounce, null, "en-US");
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain(guidance.title);
    expect(copied[0]).toContain("jordan.lee@example.org");
  });
});

describe("language and theme", () => {
  test("Outlook in Traditional Chinese gets the pane and the guidance in zh-TW", async () => {
    const eml = sample("postfix-mailbox-full-delay.eml");
    const bounce = await parseBounce(eml);
    const host = testHost({ ok: true, sources: [itemSource(eml)] }, { displayLanguage: "zh-TW" });
    renderPane(host, testServices(recordedChecks(never).fetchChecks));
    await screen.findByRole("heading", { level: 2, name: diagnose(bounce, null, "zh-TW").title });
    screen.getByRole("heading", { level: 2, name: "寄件者驗證（SPF 與 DMARC）" });
    screen.getByText("延遲");
    expect(document.documentElement.lang).toBe("zh-TW");
  });

  test("a zh-TW pane labels the sources in Chinese, with the attachment's name as plain text", async () => {
    // A name with markup and ICU syntax in it: neither may be interpreted.
    const name = "退信 <b>{name}</b> '5.1.1'.eml";
    const host = testHost(
      {
        ok: true,
        sources: [
          itemSource("From: alice@example.com\nTo: bob@example.net\nSubject: FW: it bounced\n\nSee the attachment.\n"),
          { origin: "attachment", name, source: sample("gmail-unknown-user-5.1.1.eml") },
        ],
      },
      { displayLanguage: "zh-TW" },
    );
    renderPane(host, testServices(recordedChecks(never).fetchChecks));
    const picker = await screen.findByRole<HTMLSelectElement>("combobox", { name: "要顯示的退信" });
    expect([...picker.options].map((option) => option.textContent)).toEqual(["這封郵件", `附件：${name}`]);
    expect(picker.querySelector("b")).toBeNull();
  });

  test("backend findings are worded from their code in zh-TW, or shown as the backend wrote them", async () => {
    const eml = sample("exchange-online-spf-5.7.23.eml");
    const checks = failingChecks("shop.example.com", "203.0.113.45");
    if ("error" in checks.spf) throw new Error("fixture");
    checks.spf.problems = [
      { code: "too-many-lookups", severity: "error", message: "English wording", domain: "shop.example.com", params: { domain: "shop.example.com", total: 12, limit: 10 } },
      // A finding whose wording needs a parameter the backend did not send.
      { code: "syntax-error", severity: "error", message: "The backend's own sentence.", domain: "shop.example.com", params: { domain: "shop.example.com" } },
    ];
    const host = testHost({ ok: true, sources: [itemSource(eml)] }, { displayLanguage: "zh-Hant-TW" });
    renderPane(host, testServices(recordedChecks(async () => checks).fetchChecks));
    const spf = await screen.findByTestId("spf-facts");
    within(spf).getByText("shop.example.com 的 SPF 記錄最多需要 12 次 DNS 查詢；超過 10 次，收件端會判定為 permerror。");
    within(spf).getByText("The backend's own sentence.");
    expect(within(spf).queryByText("English wording")).toBeNull();
  });

  test("a dark Outlook theme gets Fluent's dark theme", async () => {
    const host = testHost({ ok: false, reason: "no-item", detail: "" }, { theme: { isDark: true, bodyBackgroundColor: "#1f1f1f" } });
    const { container } = renderPane(host, testServices(recordedChecks(never).fetchChecks));
    await screen.findByText("No message selected");
    expect(container.querySelector("[data-theme]")!.getAttribute("data-theme")).toBe("dark");
  });

  test("the pane follows Outlook from a light theme to a dark one while open", async () => {
    const host = testHost({ ok: false, reason: "no-item", detail: "" }, { theme: { isDark: false, bodyBackgroundColor: "#ffffff" } });
    const { container } = renderPane(host, testServices(recordedChecks(never).fetchChecks));
    await screen.findByText("No message selected");
    const themed = () => container.querySelector("[data-theme]")!.getAttribute("data-theme");
    expect(themed()).toBe("light");
    act(() => host.changeTheme({ isDark: true, bodyBackgroundColor: "#1f1f1f" }));
    expect(themed()).toBe("dark");
    act(() => host.changeTheme({ isDark: false, bodyBackgroundColor: "#fafafa" }));
    expect(themed()).toBe("light");
  });
});
