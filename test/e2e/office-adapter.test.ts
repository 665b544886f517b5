/**
 * The Office adapter in real headless Chromium, against the simulated Outlook host served
 * in place of office.js: the same path the task pane takes inside Outlook on the web.
 * The adapter is bundled on the fly with esbuild (tsx's bundler) into a test page;
 * every request is answered by page.route, so no server and no network are involved.
 */
import { build } from "esbuild";
import path from "node:path";
import { launchBrowser, type Browser } from "./support/browser";
import { draftCalls, fireDrop, fireItemChanged, OFFICE_JS_CDN_URL, routeFakeOffice, type FakeOfficeOptions } from "./support/fake-office";
import { NDR_EML } from "../taskpane/office/samples";
import { writeMsg } from "../support/msg-writer";

const ORIGIN = "https://localhost:3000";
let adapterBundle: string;
let browser: Browser;

beforeAll(async () => {
  const result = await build({
    entryPoints: [path.resolve(__dirname, "../../src/taskpane/office/index.ts")],
    bundle: true,
    format: "iife",
    globalName: "BounceDoctorOffice",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    // As in webpack.config.js: msgreader's iconv-lite needs Node's Buffer; the browser has TextDecoder.
    alias: { "iconv-lite": path.resolve(__dirname, "../../src/taskpane/files/iconv-lite-shim.ts") },
  });
  adapterBundle = result.outputFiles[0].text;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function openPane(options: FakeOfficeOptions) {
  const page = await browser.context.newPage();
  await routeFakeOffice(page, options);
  await page.route(`${ORIGIN}/adapter.js`, (route) => route.fulfill({ contentType: "text/javascript", body: adapterBundle }));
  await page.route(`${ORIGIN}/taskpane.html`, (route) =>
    route.fulfill({
      contentType: "text/html",
      // As the production pages do: Office.js from Microsoft's CDN, intercepted and answered by the simulated host.
      body: `<!doctype html><script src="${OFFICE_JS_CDN_URL}"></script><script src="/adapter.js"></script>`,
    }),
  );
  await page.goto(`${ORIGIN}/taskpane.html`);
  await page.evaluate(async () => {
    const w = window as any;
    w.host = await w.BounceDoctorOffice.createOfficeHost();
  });
  return page;
}

const ndrItem = { itemClass: "REPORT.IPM.Note.NDR", subject: "Undelivered Mail Returned to Sender", bodyText: "could not be delivered", eml: NDR_EML };

test("reads a delivery report's whole MIME in the browser", async () => {
  const page = await openPane({ item: ndrItem });
  const result = await page.evaluate(async () => {
    const w = window as any;
    const reading = await w.host.readCurrentItem();
    return { mode: w.host.mode, ok: reading.ok, origins: reading.sources.map((s: any) => s.origin), text: new TextDecoder().decode(reading.sources[0].source) };
  });
  expect(result).toEqual({ mode: "read", ok: true, origins: ["item"], text: NDR_EML });
  await page.close();
});

test("hands files dropped through Outlook's DragAndDropEvent to the pane", async () => {
  const page = await openPane({ item: null });
  await page.evaluate(() => {
    const w = window as any;
    w.drops = [];
    w.host.onDrop(({ sources, errors }: { sources: any[]; errors: string[] }) =>
      w.drops.push({ sources: sources.map((s) => [s.origin, s.name]), errors, size: sources[0]?.source.length, msgText: sources[1]?.source.text }),
    );
  });
  await page.waitForFunction(() => (window as any).__fakeOffice.handlers.olkDragAndDropEvent?.length === 1);
  const msg = writeMsg({
    messageClass: "REPORT.IPM.Note.NDR",
    body: "Your message couldn't be delivered.",
    recipients: [{ email: "carol@example.net", supplementaryInfo: "550 5.1.10 RESOLVER.ADR.RecipientNotFound" }],
  });
  const dropped = [
    { name: "Undelivered Mail Returned to Sender.eml", content: NDR_EML },
    { name: "Undeliverable.msg", base64: Buffer.from(msg).toString("base64") },
    { name: "empty.txt", content: "" },
  ];
  expect(await fireDrop(page, dropped)).toBe(1);
  await page.waitForFunction(() => (window as any).drops.length === 1);
  expect(await page.evaluate(() => (window as any).drops)).toEqual([
    {
      sources: [
        ["drop", "Undelivered Mail Returned to Sender.eml"],
        ["drop", "Undeliverable.msg"],
      ],
      errors: ["empty.txt is empty"],
      size: new TextEncoder().encode(NDR_EML).length,
      msgText: "Your message couldn't be delivered.\n\nDelivery has failed to these recipients or groups:\n\ncarol@example.net\nRemote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'",
    },
  ]);
  await page.close();
});

test("follows the selection in a pinned pane and opens the admin draft", async () => {
  const page = await openPane({ item: ndrItem, mailboxVersion: "1.9" });
  await page.evaluate(() => {
    const w = window as any;
    w.subjects = [];
    w.host.onItemChanged(async () => w.subjects.push((await w.host.readCurrentItem()).item.subject));
  });
  await page.waitForFunction(() => (window as any).__fakeOffice.handlers.olkItemSelectedChanged?.length === 1);
  expect(await fireItemChanged(page, { subject: "Delivery Status Notification (Delay)", eml: NDR_EML })).toBe(1);
  await page.waitForFunction(() => (window as any).subjects.length === 1);
  expect(await page.evaluate(() => [(window as any).subjects, (window as any).host.mode])).toEqual([["Delivery Status Notification (Delay)"], "read"]);

  await page.evaluate(() =>
    (window as any).host.openDraft({ to: ["postmaster@example.org"], subject: "Rejected mail", htmlBody: "<p>Hello</p>" }),
  );
  expect(await draftCalls(page)).toEqual([
    { api: "displayNewMessageFormAsync", parameters: { toRecipients: ["postmaster@example.org"], subject: "Rejected mail", htmlBody: "<p>Hello</p>" } },
  ]);
  await page.close();
});

test("outside Outlook, createOfficeHost refuses so the pane can fall back to the browser host", async () => {
  const page = await browser.context.newPage();
  await routeFakeOffice(page, { host: null });
  await page.route(`${ORIGIN}/adapter.js`, (route) => route.fulfill({ contentType: "text/javascript", body: adapterBundle }));
  await page.route(`${ORIGIN}/index.html`, (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><script src="${OFFICE_JS_CDN_URL}"></script><script src="/adapter.js"></script>` }),
  );
  await page.goto(`${ORIGIN}/index.html`);
  const outcome = await page.evaluate(async () => {
    const w = window as any;
    try {
      await w.BounceDoctorOffice.createOfficeHost();
      return "started";
    } catch (error: any) {
      return `${error.name}:${error.failure}:${w.BounceDoctorOffice.createBrowserHost().mode}`;
    }
  });
  expect(outcome).toBe("OfficeCallError:not-outlook:none");
  await page.close();
});
