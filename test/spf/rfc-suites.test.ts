/**
 * The openspf.org RFC 7208 and RFC 4408 test suites, in full, through the real
 * resolver (src/dns) against the real loopback DNS server, one server per scenario.
 * A case passes when the result is one of the acceptable results and, when the
 * case names one, the explanation matches ("DEFAULT" = defaultExplanation()).
 */
import { createResolver } from "../../src/dns/resolver";
import { checkHost, defaultExplanation } from "../../src/spf/check-host";
import { parseClientIp } from "../../src/spf/ip";
import type { Resolver } from "../../src/spf/types";
import { startDnsServer } from "../support/dns-server";
import { loadSpfSuite, type SpfSuiteCase, type SuiteFile } from "../support/spf-suite";
import type { Zone } from "../support/zone";

const SUITES: Array<{ file: SuiteFile; total: number }> = [
  { file: "rfc7208-tests.yml", total: 203 },
  { file: "rfc4408-tests.yml", total: 191 },
];

/** Short: TIMEOUT entries are never answered, and the suites have a handful. */
const RESOLVER_TIMEOUT_MS = 250;

function resolverFor(server: { host: string; port: number }): Resolver {
  return createResolver({ servers: [{ host: server.host, port: server.port }], timeoutMs: RESOLVER_TIMEOUT_MS, retries: 0 });
}

/** The name check_host() starts from for a case. */
function checkedDomain(test: SpfSuiteCase): string {
  return test.mailfrom === "" ? test.helo : test.mailfrom.slice(test.mailfrom.lastIndexOf("@") + 1);
}

// The suites' TIMEOUT means "types not listed above it time out" (TIMEOUT.except in the zone).
it("the loopback server serves partial timeouts: listed types answered, the others time out", async () => {
  const zone: Zone = new Map([["partial.test", [{ type: "TXT", strings: ["answered"] }, { type: "TIMEOUT", except: ["TXT"] }]]]);
  const server = await startDnsServer(zone);
  try {
    const resolver = resolverFor(server);
    expect(await resolver.lookup("partial.test", "TXT")).toMatchObject({ status: "ok", records: [["answered"]] });
    expect(await resolver.lookup("partial.test", "A")).toMatchObject({ status: "error" });
  } finally {
    await server.close();
  }
});

describe.each(SUITES)("$file through the real resolver and loopback DNS server", ({ file, total }) => {
  const scenarios = loadSpfSuite(file);
  const tally = { passed: 0, run: 0 };

  afterAll(() => {
    console.log(`${file}: ${tally.passed}/${tally.run} cases match the suite`);
  });

  it(`holds ${total} cases`, () => {
    expect(scenarios.reduce((sum, scenario) => sum + scenario.cases.length, 0)).toBe(total);
  });

  describe.each(scenarios)("$description", (scenario) => {
    let server: Awaited<ReturnType<typeof startDnsServer>>;
    let resolver: Resolver;

    beforeAll(async () => {
      server = await startDnsServer(scenario.zone);
      resolver = resolverFor(server);
    });
    afterAll(() => server.close());

    it.each(scenario.cases)("$name", async (test) => {
      tally.run += 1;
      const outcome = await checkHost({ ip: test.host, sender: test.mailfrom, helo: test.helo }, resolver);
      const explanation =
        test.explanation === "DEFAULT" ? defaultExplanation(checkedDomain(test), parseClientIp(test.host)!.text) : test.explanation;
      expect(test.results).toContain(outcome.result);
      if (explanation !== undefined) expect(outcome.explanation).toBe(explanation);
      tally.passed += 1;
    });
  });
});
