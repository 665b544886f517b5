/**
 * DMARC reports sent to another domain (RFC 7489 7.1): a rua=/ruf= address outside
 * the policy domain's organizational domain is used only when that other domain
 * publishes "v=DMARC1" at <policy-domain>._report._dmarc.<destination-domain>.
 * Receivers that follow 7.1 send no reports to an address that is not so authorized.
 */
import { organizationalDomain } from "./alignment";
import { isQueryableName } from "./domain";
import type { DmarcPolicy, Problem, ReportDestination, Resolver } from "./types";

/** Destinations checked at most: real records name one or two. */
const MAX_DESTINATIONS = 4;

function destinationDomain(uri: string): string | null {
  const match = /^mailto:[^@]+@([^!?,;\s]+)/i.exec(uri);
  return match ? match[1].toLowerCase().replace(/\.$/, "") : null;
}

/** The external destinations of a policy, each with whether its domain authorizes the reports. */
export async function checkReportAuthorization(policyDomain: string, policy: DmarcPolicy, resolver: Resolver): Promise<{ destinations: ReportDestination[]; problems: Problem[] }> {
  const ownOrg = organizationalDomain(policyDomain);
  const external: ReportDestination[] = [];
  for (const uri of [...policy.rua, ...policy.ruf]) {
    const domain = destinationDomain(uri);
    if (!domain || organizationalDomain(domain) === ownOrg || external.some((d) => d.domain === domain)) continue;
    external.push({ uri, domain, name: `${policyDomain}._report._dmarc.${domain}`, authorized: null });
    if (external.length >= MAX_DESTINATIONS) break;
  }
  const problems: Problem[] = [];
  await Promise.all(
    external.map(async (destination) => {
      if (!isQueryableName(destination.name)) return;
      const answer = await resolver.lookup(destination.name, "TXT");
      if (answer.status === "error") return;
      destination.authorized = answer.status === "ok" && answer.records.some((strings) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(strings.join("").trim()));
      if (!destination.authorized) {
        problems.push({
          code: "report-not-authorized",
          severity: "warning",
          message: `DMARC reports for ${policyDomain} go to ${destination.domain}, which does not authorize them (no "v=DMARC1" record at ${destination.name}); receivers send those reports nowhere (RFC 7489 7.1).`,
          hint: `Ask the owner of ${destination.domain} to publish "v=DMARC1" at ${destination.name}, or send reports to an address under ${ownOrg}.`,
          domain: policyDomain,
          params: { domain: policyDomain, destination: destination.domain, name: destination.name },
        });
      }
    }),
  );
  return { destinations: external, problems };
}
