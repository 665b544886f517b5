/**
 * The loopback DNS server of `npm run bench:live`, run as a child process so its own work
 * (decoding, answering, its timers) does not share the event loop whose latency is
 * measured. Serves the live-check test world plus the bench sender's SPF tree; prints
 * `{ "port": N }` once listening and stops when its standard input closes.
 */
import { startDnsServer } from "../../test/support/dns-server";
import { liveZone } from "../../test/support/live-zone";

export function benchZone() {
  const zone = liveZone();
  zone.set("sender.example", [{ type: "TXT", strings: ["v=spf1 include:_spf1.sender.example -all"] }]);
  zone.set("_spf1.sender.example", [{ type: "TXT", strings: ["v=spf1 include:_spf2.sender.example ~all"] }]);
  zone.set("_spf2.sender.example", [{ type: "TXT", strings: ["v=spf1 ip4:203.0.113.0/24 -all"] }]);
  zone.set("_dmarc.sender.example", [{ type: "TXT", strings: ["v=DMARC1; p=reject"] }]);
  return zone;
}

if (process.argv[2] === "serve") {
  const delayMs = Number(process.argv[3] ?? "20");
  void startDnsServer(benchZone(), { delayMs }).then((server) => {
    process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
    process.stdin.resume();
    process.stdin.on("end", () => void server.close().then(() => process.exit(0)));
  });
}
