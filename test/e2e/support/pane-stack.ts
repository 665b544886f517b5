/**
 * The whole product on loopback for end-to-end tests: a DNS server answering `zone`, the
 * real backend asking it, a static server giving the built pane and proxying /api to the
 * backend, and headless Chromium.
 */
import { createBackend } from "../../../src/backend/app";
import { loadConfig } from "../../../src/backend/config";
import { startBackendServer, type RunningServer } from "../../../src/backend/http";
import { startDnsServer, type DnsServer } from "../../support/dns-server";
import type { Zone } from "../../support/zone";
import { launchBrowser, type Browser } from "./browser";
import { startStaticServer, type StaticServer } from "./static-server";

export interface PaneStack {
  dns: DnsServer;
  backend: RunningServer;
  server: StaticServer;
  browser: Browser;
  close: () => Promise<void>;
}

export async function startPaneStack(zone: Zone): Promise<PaneStack> {
  const dns = await startDnsServer(zone);
  // Rate limits raised: one test run asks more than a user would in a minute.
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DNS_SERVERS: `127.0.0.1:${dns.port}`, RATE_LIMIT_BURST: "1000", RATE_LIMIT_PER_MINUTE: "10000" });
  const backend = await startBackendServer(createBackend(config), config);
  const server = await startStaticServer({ kind: "proxy", target: backend.url });
  const browser = await launchBrowser();
  return {
    dns,
    backend,
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      await backend.close();
      await dns.close();
    },
  };
}
