/**
 * The pane on a bounce that calls for live checks: the request carries only names and
 * the IP, the check that fits the bounce comes first with its deciding fact in one line,
 * and SPF/DMARC fold away when they are not what the bounce is about. The backend double
 * runs the real checks against a loopback DNS server, as the backend would.
 */
import "./support/dom-globals";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { runLiveChecks } from "../../src/checks";
import { createResolver } from "../../src/dns/resolver";
import { runChecks } from "../../src/spf";
import type { CheckQuery } from "../../src/taskpane/checks-client";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import { liveZone } from "../support/live-zone";
import { postfixBounce } from "../support/postfix-bounce";
import { itemSource, recordedChecks, renderPane, testHost, testServices } from "./support/pane";

let dns: DnsServer;
beforeAll(async () => {
  const zone = liveZone();
  zone.set("sender.example", [{ type: "TXT", strings: ["v=spf1 ip4:203.0.113.0/24 -all"] }]);
  dns = await startDnsServer(zone);
});
afterAll(() => dns?.close());

async function backend(query: CheckQuery) {
  const resolver = createResolver({ servers: [{ host: dns.host, port: dns.port }], timeoutMs: 300, retries: 0 });
  const { live, ...input } = query;
  const [checks, liveChecks] = await Promise.all([runChecks(input, resolver), live ? runLiveChecks(live, resolver, { zones: [] }) : null]);
  return liveChecks ? { ...checks, live: liveChecks } : checks;
}

test("a Spamhaus rejection: the blocklist check leads with 'listed now', SPF/DMARC fold away", async () => {
  const eml = postfixBounce(
    "bob@good.example",
    "5.7.1",
    "554 5.7.1 Service unavailable; Client host [203.0.113.7] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.7",
    "203.0.113.7",
  );
  const recorded = recordedChecks(backend);
  renderPane(testHost({ ok: true, sources: [itemSource(eml)] }), testServices(recorded.fetchChecks));

  const section = await screen.findByTestId("live-checks", {}, { timeout: 10_000 });
  const dnsbl = await within(section).findByTestId("live-dnsbl", {}, { timeout: 5000 });
  expect(within(dnsbl).getByText("203.0.113.7 is listed now on Spamhaus ZEN (XBL, PBL).")).toBeTruthy();
  expect(within(dnsbl).getByText("Listed")).toBeTruthy();
  const delist = within(dnsbl).getByRole("link", { name: "Look up and delist" });
  expect(delist.getAttribute("href")).toBe("https://check.spamhaus.org/");
  expect(delist.getAttribute("rel")).toBe("noopener noreferrer");

  // Only names and the IP were sent.
  expect(recorded.queries).toEqual([
    {
      domain: "sender.example",
      fromDomain: "sender.example",
      ip: "203.0.113.7",
      sender: "alice@sender.example",
      live: { checks: ["dnsbl"], recipientDomain: "good.example", ip: "203.0.113.7", zones: ["zen.spamhaus.org"] },
    },
  ]);

  // SPF/DMARC are there, folded: the bounce is not about them.
  const folded = screen.getByTestId("auth-collapsed");
  expect(screen.queryByTestId("spf-facts")).toBeNull();
  fireEvent.click(within(folded).getByRole("button"));
  await waitFor(() => expect(screen.getByTestId("spf-facts")).toBeTruthy());
  // The live section comes before the authentication facts.
  expect(section.compareDocumentPosition(folded) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
});
