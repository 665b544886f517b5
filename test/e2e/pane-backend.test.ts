/**
 * The production pane against the real backend: the backend runs in-process on a free
 * port, resolving through a loopback DNS server that serves the sender domain's zone;
 * the static server forwards /api to it as the dev server does. Checks the SPF and
 * DMARC panel, then takes the screenshots (320 px; light and dark; en-US and zh-TW)
 * and has axe check each of them.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { parseBounce } from "../../src/ndr";
import type { Zone } from "../support/zone";
import type { Checks, SpfReport } from "../../src/spf/types";
import { expectNoAxeViolations, expectNoSidewaysScroll } from "./support/a11y";
import type { FakeOfficeOptions } from "./support/fake-office";
import { corpusEml, openPane, openStandalonePage, shownDiagnosis } from "./support/pane";
import { startPaneStack, type PaneStack } from "./support/pane-stack";
import { REPO_ROOT, assertBuilt } from "./support/static-server";

const SCREENSHOTS = path.join(REPO_ROOT, "test-output/screenshots");

/** lhost-gmail-04 was sent by example.co.jp from 192.0.2.49, which this zone does not authorize. */
const GMAIL = "lhost-gmail-04";
const ROOT_SPF = "v=spf1 include:_spf.example.co.jp mx -all";
const DMARC = "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.co.jp";
const zone: Zone = new Map([
  ["example.co.jp", [{ type: "TXT", strings: [ROOT_SPF] }, { type: "MX", priority: 10, exchange: "mx.example.co.jp" }]],
  ["mx.example.co.jp", [{ type: "A", address: "198.51.100.10" }]],
  ["_spf.example.co.jp", [{ type: "TXT", strings: ["v=spf1 ip4:198.51.100.0/24 include:_spf2.example.co.jp ~all"] }]],
  ["_spf2.example.co.jp", [{ type: "TXT", strings: ["v=spf1 ip4:203.0.113.0/24 -all"] }]],
  ["_dmarc.example.co.jp", [{ type: "TXT", strings: [DMARC] }]],
]);

const DARK_OUTLOOK: FakeOfficeOptions["theme"] = {
  bodyBackgroundColor: "#1f1f1f",
  bodyForegroundColor: "#ffffff",
  controlBackgroundColor: "#292929",
  controlForegroundColor: "#ffffff",
};

// Chromium on a busy 2-core machine: page loads and axe runs take seconds.
jest.setTimeout(60_000);

let stack: PaneStack;

beforeAll(async () => {
  assertBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startPaneStack(zone);
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

/** What the backend itself answers for the bounce, asked directly. */
async function backendChecks(query: Record<string, string>): Promise<Checks> {
  const response = await fetch(`${stack.backend.url}/api/check`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(query) });
  expect(response.status).toBe(200);
  return (await response.json()) as Checks;
}

/** The GMAIL bounce is a blocklist rejection: SPF/DMARC fold away behind the live checks until opened. */
async function openAuth(page: Page): Promise<void> {
  const fold = page.getByTestId("auth-collapsed");
  await fold.waitFor({ timeout: 20_000 });
  await fold.getByRole("button").first().click();
}

test("the SPF panel shows the backend's verdict for the sending IP, the record, lookups, the include tree and DMARC", async () => {
  const eml = corpusEml(GMAIL);
  const bounce = await parseBounce(eml);
  expect(bounce).toMatchObject({ senderDomain: "example.co.jp", sendingIp: "192.0.2.49" });
  const { page, problems } = await openPane(stack.browser, stack.server.url, { item: { itemClass: "REPORT.IPM.Note.NDR", eml } });
  await shownDiagnosis(page);
  await openAuth(page);
  const spf = page.getByTestId("spf-facts");
  await spf.waitFor({ timeout: 20_000 });

  const checks = await backendChecks({ domain: bounce.senderDomain!, ip: bounce.sendingIp!, sender: bounce.originalSender! });
  const report = checks.spf as SpfReport;
  expect(report.result).toBe("fail");
  const text = await spf.innerText();
  expect(text).toContain("Fail");
  expect(text).toContain("for 192.0.2.49");
  expect(await spf.getByTestId("spf-lookups").innerText()).toContain(`${report.lookups.total}/10`);
  expect(await spf.locator("pre").first().innerText()).toBe(ROOT_SPF);

  // The include tree is collapsed until asked for, then lists the includes.
  expect(await spf.getByRole("tree").count()).toBe(0);
  await spf.getByRole("button", { name: /Include tree/ }).click();
  const tree = spf.getByRole("tree", { name: "SPF include tree" });
  await tree.waitFor();
  expect(await tree.innerText()).toContain("include: _spf.example.co.jp");
  expect(await tree.innerText()).toContain("include: _spf2.example.co.jp");

  const dmarc = page.getByTestId("dmarc-facts");
  expect(await dmarc.innerText()).toContain("Reject");
  expect(await dmarc.locator("pre").innerText()).toBe(DMARC);
  expect(problems).toEqual([]);
  await page.close();
});

test("without a sending IP in the bounce the panel checks the record only", async () => {
  const eml = corpusEml("lhost-office365-01");
  const bounce = await parseBounce(eml);
  expect(bounce.sendingIp).toBeNull();
  const { page } = await openPane(stack.browser, stack.server.url, { item: { itemClass: "REPORT.IPM.Note.NDR", eml } });
  const spf = page.getByTestId("spf-facts");
  await spf.waitFor({ timeout: 20_000 });
  expect(await spf.innerText()).toContain("The bounce doesn't show the sending IP");
  await page.close();
});

describe("screenshots at 320 px, checked by axe", () => {
  const cases: { locale: "en-US" | "zh-TW"; dark: boolean }[] = [
    { locale: "en-US", dark: false },
    { locale: "en-US", dark: true },
    { locale: "zh-TW", dark: false },
    { locale: "zh-TW", dark: true },
  ];

  test.each(cases)("pane, $locale, dark: $dark", async ({ locale, dark }) => {
    const { page, problems } = await openPane(stack.browser, stack.server.url, {
      displayLanguage: locale,
      theme: dark ? DARK_OUTLOOK : undefined,
      item: { itemClass: "REPORT.IPM.Note.NDR", eml: corpusEml(GMAIL) },
    });
    // Fluent's expand motion honours reduced motion: the screenshot shows the tree settled.
    await page.emulateMedia({ reducedMotion: "reduce" });
    await shownDiagnosis(page);
    await openAuth(page);
    await page.getByTestId("spf-facts").waitFor({ timeout: 20_000 });
    await page.getByTestId("spf-facts").getByRole("button", { expanded: false }).click();
    await page.getByRole("tree").waitFor();
    expect(await page.locator("[data-theme]").getAttribute("data-theme")).toBe(dark ? "dark" : "light");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, `pane-${locale}-${dark ? "dark" : "light"}.png`), fullPage: true, animations: "disabled" });
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await page.close();
  });

  test("pane in high contrast (forced colours)", async () => {
    const { page } = await openPane(stack.browser, stack.server.url, { item: { itemClass: "REPORT.IPM.Note.NDR", eml: corpusEml(GMAIL) } });
    await page.emulateMedia({ forcedColors: "active" });
    await openAuth(page);
    await page.getByTestId("spf-facts").waitFor({ timeout: 20_000 });
    expect(await page.locator("[data-theme]").getAttribute("data-theme")).toBe("high-contrast");
    await page.screenshot({ path: path.join(SCREENSHOTS, "pane-en-US-high-contrast.png"), fullPage: true, animations: "disabled" });
    await expectNoAxeViolations(page);
    await page.close();
  });

  test.each([false, true])("pane when the item is not a bounce, dark: %s", async (dark) => {
    const { page } = await openPane(stack.browser, stack.server.url, {
      theme: dark ? DARK_OUTLOOK : undefined,
      item: { itemClass: "IPM.Note", eml: "From: a@example.com\nTo: b@example.net\nSubject: Lunch\n\nNoon?\n", bodyText: "Noon?" },
    });
    await page.getByText("This isn't a bounce").waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, `pane-not-a-bounce-${dark ? "dark" : "light"}.png`), fullPage: true, animations: "disabled" });
    await expectNoAxeViolations(page);
    await page.close();
  });

  test.each(["light", "dark"] as const)("standalone page with a sample, %s", async (scheme) => {
    const { page } = await openStandalonePage(stack.browser, stack.server.url, scheme);
    await page.screenshot({ path: path.join(SCREENSHOTS, `page-empty-${scheme}.png`), fullPage: true, animations: "disabled" });
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: /Exchange Online/ }).click();
    await page.getByTestId("spf-facts").waitFor({ timeout: 20_000 });
    expect(await page.locator("[data-theme]").getAttribute("data-theme")).toBe(scheme);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, `page-sample-${scheme}.png`), fullPage: true, animations: "disabled" });
    await expectNoAxeViolations(page);
    await page.close();
  });
});
