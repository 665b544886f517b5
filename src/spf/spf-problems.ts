/**
 * The SPF findings the analyzer reports: stable codes (guidance localizes from
 * them), a severity, an English message and a hint, with the parameters used.
 */
import type { Problem } from "./types";

type Params = Record<string, string | number>;

function problem(code: string, severity: Problem["severity"], message: string, hint: string, extra: Partial<Problem> & { params?: Params } = {}): Problem {
  return { code, severity, message, hint, ...extra };
}

export const spfProblems = {
  invalidDomain: (domain: string) =>
    problem("invalid-domain", "error", `"${domain}" is not a fully qualified domain name, so it cannot have an SPF record.`, "Check the sender address: the part after @ must be a domain such as example.com.", { domain, params: { domain } }),

  noRecord: (domain: string, detail: string) =>
    problem("no-record", "error", `${domain} publishes no SPF record (${detail}).`, `Publish one TXT record at ${domain} starting with "v=spf1", listing the servers that send its mail and ending with "-all" or "~all".`, { domain, params: { domain, detail } }),

  severalRecords: (domain: string, count: number) =>
    problem("several-records", "error", `${domain} publishes ${count} SPF records; receivers treat that as a permanent error.`, "Merge them into a single TXT record that starts with \"v=spf1\".", { domain, params: { domain, count } }),

  syntaxError: (domain: string, term: string, position: number, detail: string) =>
    problem("syntax-error", "error", `The SPF record of ${domain} has a syntax error${term ? ` in "${term}"` : ""} at position ${position}: ${detail}.`, "Fix the term; receivers reject the whole record (permerror) when any term is invalid.", { domain, term, params: { domain, term, position, detail } }),

  dnsError: (domain: string, detail: string) =>
    problem("dns-error", "warning", `The DNS lookup for ${domain} failed: ${detail}.`, "This is usually temporary; if it persists, check the domain's name servers.", { domain, params: { domain, detail } }),

  tooManyLookups: (domain: string, total: number, limit: number, costliest: Array<{ term: string; lookups: number }>) =>
    problem(
      "too-many-lookups",
      "error",
      `Evaluating the SPF record of ${domain} can take ${total} DNS lookups; the limit is ${limit}, beyond which receivers return permerror.${
        costliest.length ? ` The costliest branches: ${costliest.map((c) => `${c.term} (${c.lookups})`).join(", ")}.` : ""
      }`,
      "Remove includes you no longer use, replace a and mx with ip4/ip6 ranges, or ask the providers behind the costliest includes for a leaner record.",
      { domain, params: { domain, total, limit, costliest: costliest.map((c) => `${c.term}=${c.lookups}`).join(", ") } },
    ),

  voidLookups: (domain: string, count: number, limit: number, terms: string[]) =>
    problem("void-lookups", "error", `${count} terms in the SPF tree of ${domain} point at names with no records (${terms.join(", ")}); more than ${limit} makes receivers return permerror.`, "Remove or correct the terms that name domains without A, MX or SPF records.", { domain, params: { domain, count, limit, terms: terms.join(", ") } }),

  ptr: (domain: string, term: string) =>
    problem("ptr", "warning", `${domain} uses "${term}": the ptr mechanism is slow, unreliable and discouraged by RFC 7208.`, "Replace it with ip4/ip6 ranges or a/mx of the sending hosts.", { domain, term, params: { domain, term } }),

  plusAll: (domain: string, term: string) =>
    problem("plus-all", "error", `${domain} uses "${term}", which authorizes every server on the Internet to send its mail.`, "End the record with \"-all\" (or \"~all\" while testing) after listing the real senders.", { domain, term, params: { domain, term } }),

  neutralAll: (domain: string, term: string) =>
    problem("neutral-all", "warning", `${domain} ends with "${term}": unlisted servers get a neutral result, which protects nothing.`, "Use \"~all\" or \"-all\" once every legitimate sender is listed.", { domain, term, params: { domain, term } }),

  noAll: (domain: string) =>
    problem("no-all", "warning", `The SPF record of ${domain} has neither an "all" mechanism nor a redirect, so unlisted servers get a neutral result.`, "End the record with \"-all\" or \"~all\".", { domain, params: { domain } }),

  redirectWithAll: (domain: string, term: string) =>
    problem("redirect-with-all", "warning", `The SPF record of ${domain} has both an "all" mechanism and "${term}"; the redirect is never used.`, "Remove either the redirect or the all mechanism.", { domain, term, params: { domain, term } }),

  includeWithoutSpf: (domain: string, term: string, target: string, detail: string) =>
    problem("include-without-spf", "error", `${domain} includes ${target}, which has no SPF record (${detail}); receivers return permerror.`, `Remove "${term}" or ask the owner of ${target} for the right include name.`, { domain, term, params: { domain, term, target, detail } }),

  redirectWithoutSpf: (domain: string, term: string, target: string, detail: string) =>
    problem("redirect-without-spf", "error", `${domain} redirects to ${target}, which has no SPF record (${detail}); receivers return permerror.`, `Correct "${term}" to a domain that publishes SPF.`, { domain, term, params: { domain, term, target, detail } }),

  loop: (domain: string, term: string, target: string) =>
    problem("loop", "error", `"${term}" in the SPF record of ${domain} leads back to ${target}, which is already being evaluated: a loop.`, "Remove the include or redirect that closes the loop.", { domain, term, params: { domain, term, target } }),

  wideNetwork: (domain: string, term: string, network: string, addresses: string) =>
    problem("wide-network", "warning", `"${term}" in the SPF record of ${domain} authorizes ${network}, ${addresses} addresses.`, "List only the addresses of your real sending servers.", { domain, term, params: { domain, term, network, addresses } }),

  duplicateNetwork: (network: string, first: string, second: string) =>
    problem("duplicate-network", "info", `${network} is authorized twice (${first} and ${second}).`, "Remove the redundant entry to keep the record short.", { params: { network, first, second } }),

  tooManyMx: (domain: string, term: string, target: string, count: number) =>
    problem("too-many-mx", "error", `"${term}" in the SPF record of ${domain} finds ${count} MX records at ${target}; more than 10 makes receivers return permerror.`, "Use ip4/ip6 ranges for the sending servers instead of mx.", { domain, term, params: { domain, term, target, count } }),

  unresolvedMacro: (domain: string, term: string) =>
    problem("unresolved-macro", "info", `"${term}" in the SPF record of ${domain} depends on the message being checked; it was not followed.`, "Give the sending IP and sender to analyze it for a specific message.", { domain, term, params: { domain, term } }),

  privateAddress: (domain: string, term: string, host: string, count: number) =>
    problem(
      "private-address",
      "warning",
      `"${term}" in the SPF record of ${domain} resolves to a private address (${host}: ${count} private or reserved address${count === 1 ? "" : "es"}, not listed); mail from the Internet never comes from one.`,
      "List the public addresses your mail leaves from; private addresses in SPF authorize nothing on the Internet.",
      { domain, term, params: { domain, term, host, count } },
    ),

  treeTooLarge: (domain: string, excess: string) =>
    problem("tree-too-large", "warning", `The SPF tree of ${domain} has ${excess}; the rest was not analyzed.`, "Simplify the record: receivers stop after 10 DNS lookups anyway.", { domain, params: { domain, excess } }),
};
