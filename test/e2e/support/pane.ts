/** Opening the built pane (or page) in Chromium and reading what it shows. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import type { Browser } from "./browser";
import { routeFakeOffice, type FakeOfficeOptions } from "./fake-office";
import { corpusDir } from "../../support/shared-data";


export function corpusEml(name: string): string {
  return readFileSync(path.join(corpusDir, `${name}.eml`), "utf8");
}

export interface ExpectedRecipient {
  recipient: string | null;
  deliverystatus: string | null;
  replycode: number | null;
}

/** The corpus' reference values for a message (Sisimai's reading of it). */
export function corpusExpected(name: string): { recipients: ExpectedRecipient[]; senderDomain: string | null } {
  return JSON.parse(readFileSync(path.join(corpusDir, `${name}.expected.json`), "utf8"));
}

/** Collects what goes wrong in the page: uncaught errors and CSP violations fail the tests that check them. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  return problems;
}

export async function openPane(browser: Browser, baseUrl: string, office: FakeOfficeOptions): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems = watchPage(page);
  await routeFakeOffice(page, office);
  await page.goto(`${baseUrl}/taskpane.html`);
  return { page, problems };
}

export async function openStandalonePage(browser: Browser, baseUrl: string, colorScheme: "light" | "dark" = "light"): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  const problems = watchPage(page);
  // The page must never ask for office.js; if it did, this would show up as a 404 in the log.
  await page.goto(`${baseUrl}/index.html`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  return { page, problems };
}

export interface ShownRecipient {
  text: string;
  /** The remote server's words as the pane shows them. */
  said: string | null;
}

/** Waits for a diagnosis and returns its title and recipients as displayed. */
export async function shownDiagnosis(page: Page): Promise<{ title: string; recipients: ShownRecipient[] }> {
  await page.getByTestId("recipient").first().waitFor({ timeout: 20_000 });
  const title = (await page.locator("#summary-heading").textContent()) ?? "";
  const recipients = await page.getByTestId("recipient").evaluateAll((nodes) =>
    nodes.map((node) => ({ text: (node as HTMLElement).innerText, said: node.querySelector("pre")?.textContent ?? null })),
  );
  return { title, recipients };
}

/**
 * An HTML5 drop of a file onto an element, as a browser fires it when a file is dragged
 * from the desktop, and as classic Outlook on Windows (.msg) and Outlook on Mac (.eml)
 * hand a dragged message to the pane. `content` is text, or bytes for binary files.
 */
export async function dropFile(page: Page, selector: string, name: string, content: string | Uint8Array, type = "message/rfc822"): Promise<void> {
  const file = typeof content === "string" ? { name, type, text: content, base64: null } : { name, type, text: null, base64: Buffer.from(content).toString("base64") };
  await page.locator(selector).first().evaluate((target, spec) => {
    const bytes = spec.base64 === null ? new TextEncoder().encode(spec.text) : Uint8Array.from(atob(spec.base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], spec.name, { type: spec.type }));
    for (const kind of ["dragenter", "dragover", "drop"]) {
      target.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }
  }, file);
}
