/** The email to postmaster@: content, language, and hostile bounce text coming out inert and short. */
import { buildAdminDraft, draftLanguageFor } from "../../src/draft";
import { escapeHtml, MAX_QUOTE, singleLine } from "../../src/text/sanitize";
import { diagnose } from "../../src/guidance";
import { CHECKS_SCHEMA, type Checks } from "../../src/spf/types";
import { makeBounce } from "../guidance/fixtures";

const checks: Checks = {
  schema: CHECKS_SCHEMA,
  spf: {
    domain: "sender.example",
    ip: "192.0.2.10",
    sender: null,
    helo: null,
    result: "fail",
    record: "v=spf1 ip4:198.51.100.0/24 -all",
    tree: null,
    lookups: { total: 0, limit: 10, voidLookups: 0, voidLimit: 2 },
    networks: { ip4: [], ip6: [], addressCount4: 0 },
    problems: [],
  },
  dmarc: { error: "timeout" },
};

test("addressed to postmaster, with when, from where, to whom, the code, the words verbatim and our SPF result", () => {
  const bounce = makeBounce({ status: "5.7.23", diagnostic: "550 5.7.23 SPF check failed for 192.0.2.10" });
  const draft = buildAdminDraft({ bounce, recipient: bounce.recipients[0], checks, language: "en-US" })!;
  expect(draft.to).toBe("postmaster@example.org");
  expect(draft.language).toBe("en-US");
  expect(draft.subject).toBe("Delivery failure from sender.example to bob@example.org (5.7.23)");
  for (const fact of ["2026-11-20T08:15:00Z", "alice@sender.example", "192.0.2.10", "bob@example.org", "5.7.23 (550)", "mx.example.org"]) {
    expect(draft.text).toContain(fact);
    expect(draft.html).toContain(fact);
  }
  expect(draft.text).toContain("    550 5.7.23 SPF check failed for 192.0.2.10");
  expect(draft.text).toContain("fail for 192.0.2.10; record v=spf1 ip4:198.51.100.0/24 -all");
  expect(draft.text).toMatch(/Could you check your logs/);
});

test("language: Traditional Chinese for .tw, .hk and .mo recipients unless the user chooses", () => {
  expect(draftLanguageFor("example.com.tw")).toBe("zh-TW");
  expect(draftLanguageFor("gov.hk")).toBe("zh-TW");
  expect(draftLanguageFor("example.mo")).toBe("zh-TW");
  expect(draftLanguageFor("example.com")).toBe("en-US");
  expect(draftLanguageFor("tw.example.com")).toBe("en-US");
  expect(draftLanguageFor(null)).toBe("en-US");

  const bounce = makeBounce({ address: "chen@example.com.tw", status: "5.1.1", diagnostic: "550 5.1.1 User unknown" });
  expect(diagnose(bounce, null, "en-US").draft?.language).toBe("zh-TW");
  expect(diagnose(bounce, null, "en-US").draft?.subject).toContain("郵件傳送失敗");
  expect(diagnose(bounce, null, "zh-TW", { draftLanguage: "en-US" }).draft?.language).toBe("en-US");
});

describe("hostile bounce text", () => {
  const script = `<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">click</a>`;
  const huge = "A".repeat(100_000);
  const controls = "ok\u0000\u0007\u001b[31mRED\u001b[0m\u202eevil\u0085";
  const bounce = makeBounce(
    {
      address: "bob@example.org",
      status: "5.7.1",
      diagnostic: `${script}\r\n${huge}`,
      remoteMta: `mx.example.org${script}`,
    },
    {
      originalSubject: `Invoice\r\nBcc: victim@example.net\r\n\r\n${script}`,
      senderDomain: `sender.example\r\nBcc: x@example.net`,
      originalSender: `alice@sender.example${controls}`,
      arrivalDate: huge,
    },
  );
  const draft = buildAdminDraft({ bounce, recipient: bounce.recipients[0], checks, language: "en-US" })!;

  test("the HTML holds no markup from the bounce", () => {
    expect(draft.html).not.toMatch(/<script|<img|<a |href="javascript/i);
    expect(draft.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    // Only our own tags remain.
    const tags = new Set([...draft.html.matchAll(/<\/?([a-z]+)/gi)].map((m) => m[1].toLowerCase()));
    expect([...tags].sort()).toEqual(["br", "p", "pre", "table", "td", "th", "tr"]);
  });

  test("the subject is one short line: no CRLF header injection", () => {
    expect(draft.subject).not.toMatch(/[\r\n]/);
    expect(draft.subject.length).toBeLessThanOrEqual(200);
  });

  test("100 KB of remote text comes out cut, with an ellipsis", () => {
    expect(draft.text.length).toBeLessThan(4 * MAX_QUOTE + 2000);
    expect(draft.html.length).toBeLessThan(5 * MAX_QUOTE + 4000);
    expect(draft.text).toContain("…");
  });

  test("control characters, terminal escapes and bidi overrides are gone", () => {
    expect(draft.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(draft.html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  test("a recipient domain that is not a domain gets no draft", () => {
    const bad = makeBounce({ address: "bob@evil.example>\r\nBcc: x@y", domain: "evil.example>\r\nbcc: x@y" });
    expect(buildAdminDraft({ bounce: bad, recipient: bad.recipients[0], checks: null, language: "en-US" })).toBeNull();
    for (const literal of ["127.0.0.1", "\uff11\uff12\uff17.0.0.1", "10.0.0.1."]) {
      const ip = makeBounce({ address: `bob@${literal}`, domain: literal });
      expect(buildAdminDraft({ bounce: ip, recipient: ip.recipients[0], checks: null, language: "en-US" })).toBeNull();
    }
    const none = makeBounce({ address: null, domain: null });
    expect(buildAdminDraft({ bounce: none, recipient: none.recipients[0], checks: null, language: "en-US" })).toBeNull();
  });
});

test("the SPF verdict from the backend is remote text too: one line, no controls, in text and HTML", () => {
  const hostile = { ...checks, spf: { ...checks.spf, result: "fail\r\nBcc: x@example.net\u001b[2J<b>" } } as unknown as Checks;
  const bounce = makeBounce({ status: "5.7.23" });
  const draft = buildAdminDraft({ bounce, recipient: bounce.recipients[0], checks: hostile, language: "en-US" })!;
  const spfLine = draft.text.split("\n").find((line) => line.startsWith("Our SPF check"))!;
  expect(spfLine).toContain("192.0.2.10; record v=spf1");
  expect(draft.text).not.toMatch(/[\r\u001b]|\nBcc:/);
  expect(draft.html).not.toContain("<b>");
});

test("helpers: escaping and one-line limiting", () => {
  expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  expect(singleLine("a\r\nb\tc", 100)).toBe("a b c");
  expect(singleLine("x".repeat(50), 10)).toBe("xxxxxxxxx…");
  // A surrogate pair is never split by the cut.
  expect(singleLine("😀".repeat(10), 6)).not.toMatch(/[\ud800-\udbff]…/);
});

test("a fact the bounce does not give is left out, not written as unknown; the Message-ID is bracketed as logs show it", () => {
  const bounce = makeBounce(
    { status: "5.7.1", diagnostic: "550 5.7.1 Relay access denied", remoteMta: null },
    { sendingIp: null, originalSubject: null, originalMessageId: "20261120081500.1@sender.example" },
  );
  const draft = buildAdminDraft({ bounce, recipient: bounce.recipients[0], checks: null, language: "en-US" })!;
  expect(draft.text).not.toMatch(/unknown/i);
  expect(draft.text).not.toMatch(/^(Sending IP|Subject|Your server):/m);
  expect(draft.text).toContain("Message-ID: <20261120081500.1@sender.example>");
  expect(draft.text).toContain("Relay access denied");
});

test("no status code at all: the subject and facts go without one rather than saying unknown", () => {
  const bounce = makeBounce({ status: null, replyCode: null, diagnostic: "malformed address: <bob@example.org> may not follow alice@example.org" });
  const draft = buildAdminDraft({ bounce, recipient: bounce.recipients[0], checks: null, language: "en-US" })!;
  expect(draft.subject).toBe("Delivery failure from sender.example to bob@example.org");
  expect(draft.text).not.toMatch(/unknown|Status code/);
});

test("a Chinese draft sets its labels off with a full-width colon, an English one with a colon and a space", () => {
  const bounce = makeBounce({ address: "chen@example.com.tw", status: "5.1.1", diagnostic: "550 5.1.1 User unknown" });
  const zh = buildAdminDraft({ bounce, recipient: bounce.recipients[0], checks: null, language: "zh-TW" })!;
  expect(zh.text).toMatch(/^收件者：chen@example\.com\.tw$/m);
  expect(zh.text).not.toMatch(/^[^\s]+: /m);
  const en = buildAdminDraft({ bounce, recipient: bounce.recipients[0], checks: null, language: "en-US" })!;
  expect(en.text).toMatch(/^To: chen@example\.com\.tw$/m);
});
