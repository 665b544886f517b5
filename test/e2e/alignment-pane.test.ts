/**
 * The production pane on a DMARC bounce against the real backend and the loopback DNS
 * server: the authentication panel leads with alignment's deciding fact, in English and
 * Traditional Chinese, at 320 px, and axe finds nothing. Screenshots go beside the others.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { authBounce } from "../support/auth-bounce";
import type { Zone } from "../support/zone";
import { expectNoAxeViolations, expectNoSidewaysScroll } from "./support/a11y";
import { openPane, shownDiagnosis } from "./support/pane";
import { startPaneStack, type PaneStack } from "./support/pane-stack";
import { REPO_ROOT, assertBuilt } from "./support/static-server";

const SCREENSHOTS = path.join(REPO_ROOT, "test-output/screenshots");
const IP = "192.0.2.10";

const zone: Zone = new Map([
  ["bounces.esp.example", [{ type: "TXT", strings: [`v=spf1 ip4:${IP} -all`] }]],
  ["_dmarc.shop.example", [{ type: "TXT", strings: ["v=DMARC1; p=reject"] }]],
]);

/** Exchange Online's DMARC refusal of mail a sending service sent as shop.example, SPF for its own bounce domain, unsigned. */
const EML = authBounce({
  name: "exo-509",
  recipient: "buyer@contoso.example",
  remoteMta: "contoso-example.mail.protection.outlook.com",
  status: "5.7.509",
  diagnostic:
    "550 5.7.509 Access denied, sending domain SHOP.EXAMPLE does not pass DMARC verification and has a DMARC policy of reject. [BN8NAM12FT067.eop-nam12.prod.protection.outlook.com 2026-11-20T08:15:02.123Z 08DCF1A2B3C4D5E6]",
  envelope: "bounces+8812@bounces.esp.example",
  original:
    "Authentication-Results: spf=pass (sender IP is 192.0.2.10)\n smtp.mailfrom=bounces.esp.example; dkim=none (message not signed)\n header.d=none;dmarc=fail action=oreject header.from=shop.example;\nFrom: Shop <news@shop.example>",
});

let stack: PaneStack;
jest.setTimeout(60_000);

beforeAll(async () => {
  assertBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startPaneStack(zone);
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

test.each([
  { locale: "en-US", fact: "SPF is for bounces.esp.example, not shop.example, and nothing signs with DKIM." },
  { locale: "zh-TW", fact: "SPF 檢查的是 bounces.esp.example，不是 shop.example，且沒有 DKIM 簽章。" },
] as const)("the authentication panel leads with alignment ($locale)", async ({ locale, fact }) => {
  const { page, problems } = await openPane(stack.browser, stack.server.url, { displayLanguage: locale, item: { itemClass: "REPORT.IPM.Note.NDR", eml: EML } });
  await page.emulateMedia({ reducedMotion: "reduce" });
  await shownDiagnosis(page);
  const alignment = page.getByTestId("alignment-facts");
  await alignment.waitFor({ timeout: 20_000 });
  expect(await alignment.getByTestId("alignment-deciding").innerText()).toBe(fact);
  // Alignment comes before the SPF details.
  const order = await page.evaluate(() => {
    const a = document.querySelector('[data-testid="alignment-facts"]');
    const s = document.querySelector('[data-testid="spf-facts"]');
    return a && s ? Boolean(a.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING) : null;
  });
  expect(order).toBe(true);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `pane-alignment-${locale}.png`), fullPage: true, animations: "disabled" });
  await expectNoAxeViolations(page);
  expect(problems).toEqual([]);
  await page.close();
});
