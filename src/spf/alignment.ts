/**
 * DMARC identifier alignment (RFC 7489 3.1): whether the domain SPF authenticated
 * (the envelope, MAIL FROM) and each DKIM signing domain (d=) match the From domain,
 * relaxed (same organizational domain, by the public suffix list) or strict (the same
 * name), per the record's aspf= and adkim=. DMARC passes when one of them is aligned
 * and passes (RFC 7489 4.2). The report leads with the one fact that decides.
 */
import { getDomain } from "tldts";
import type { AlignmentFact, AlignmentMode, AlignmentReport, DkimKeyReport, DmarcPolicy, Problem, SpfResult } from "./types";

export interface AlignmentInput {
  fromDomain: string | null;
  /** The envelope domain SPF checked, and its live result for the sending IP (null without an IP). */
  spf: { domain: string; result: SpfResult | null } | null;
  /** Each signature's domain and selector, with its key as published today (null when not looked up). */
  dkim: Array<{ domain: string; selector: string; key: DkimKeyReport | null }>;
  /** The From domain's DMARC policy, for aspf/adkim (relaxed when there is none). */
  policy: DmarcPolicy | null;
}

/** The organizational domain (RFC 7489 3.2, through the public suffix list), or the name itself. */
export function organizationalDomain(domain: string): string {
  const name = domain.toLowerCase().replace(/\.$/, "");
  return getDomain(name, { allowPrivateDomains: false }) ?? name;
}

/** RFC 7489 3.1.1 / 3.1.2: strict needs the exact name, relaxed the same organizational domain. */
function aligned(domain: string, fromDomain: string, mode: AlignmentMode): boolean {
  const a = domain.toLowerCase().replace(/\.$/, "");
  const b = fromDomain.toLowerCase().replace(/\.$/, "");
  return mode === "s" ? a === b : organizationalDomain(a) === organizationalDomain(b);
}

export function checkAlignment(input: AlignmentInput): AlignmentReport {
  const mode = { spf: input.policy?.aspf ?? "r", dkim: input.policy?.adkim ?? "r" } as const;
  const from = input.fromDomain?.toLowerCase().replace(/\.$/, "") ?? null;
  const report: AlignmentReport = { fromDomain: from, orgDomain: from ? organizationalDomain(from) : null, mode, spf: null, dkim: [], deciding: "unknown", params: {}, problems: [] };
  if (!from) return report;

  if (input.spf) {
    report.spf = { domain: input.spf.domain, result: input.spf.result, aligned: aligned(input.spf.domain, from, mode.spf), alignedRelaxed: aligned(input.spf.domain, from, "r") };
  }
  report.dkim = input.dkim.map(({ domain, selector, key }) => ({
    domain,
    selector,
    aligned: aligned(domain, from, mode.dkim),
    alignedRelaxed: aligned(domain, from, "r"),
    key: key?.status ?? null,
    keyType: key?.keyType ?? null,
    bits: key?.bits ?? null,
  }));

  const [fact, params] = decide(report, input);
  report.deciding = fact;
  report.params = { fromDomain: from, ...params };
  if (fact !== "aligned-pass" && fact !== "unknown") report.problems.push(problemFor(fact, report.params));
  return report;
}

function usableKey(key: DkimKeyReport | null): boolean {
  return key !== null && key.status === "valid" && !key.testing && !(key.keyType === "rsa" && (key.bits ?? 0) < 1024);
}

function decide(report: AlignmentReport, input: AlignmentInput): [AlignmentFact, Record<string, string | number>] {
  const spf = report.spf;
  const spfPasses = spf?.result === "pass";
  if (spf?.aligned && spfPasses) return ["aligned-pass", { via: "spf", domain: spf.domain }];
  const keys = input.dkim;
  const alignedSigs = report.dkim.map((sig, i) => ({ sig, key: keys[i].key })).filter(({ sig }) => sig.aligned);
  const good = alignedSigs.find(({ key }) => usableKey(key));
  if (good) return ["aligned-pass", { via: "dkim", domain: good.sig.domain, selector: good.sig.selector }];
  // The From domain signs, but the key it points at cannot verify.
  for (const { sig, key } of alignedSigs) {
    const where = { domain: sig.domain, selector: sig.selector, name: `${sig.selector}._domainkey.${sig.domain}` };
    if (key?.status === "missing") return ["dkim-key-missing", where];
    if (key?.status === "revoked") return ["dkim-key-revoked", where];
    if (key?.status === "valid" && key.keyType === "rsa" && (key.bits ?? 0) < 1024) return ["dkim-weak-key", { ...where, bits: key.bits ?? 0 }];
  }
  // Aligned only if relaxed, and the record asks for strict.
  if (spf && spfPasses && !spf.aligned && spf.alignedRelaxed) return ["strict-subdomain", { identifier: "spf", domain: spf.domain, tag: "aspf" }];
  const relaxedOnly = report.dkim.find((sig, i) => !sig.aligned && sig.alignedRelaxed && usableKey(keys[i].key));
  if (relaxedOnly) return ["strict-subdomain", { identifier: "dkim", domain: relaxedOnly.domain, tag: "adkim" }];
  const other = report.dkim.find((sig) => !sig.alignedRelaxed);
  if (other && !spf?.aligned) return ["dkim-other-domain", { domain: other.domain, selector: other.selector, spfDomain: spf?.domain ?? "" }];
  if (spf && !spf.aligned) return ["spf-unaligned-no-dkim", { spfDomain: spf.domain, spfResult: spf.result ?? "none" }];
  if (spf) return ["spf-not-passing", { spfDomain: spf.domain, spfResult: spf.result ?? "none" }];
  return ["unknown", {}];
}

const MESSAGES: Record<Exclude<AlignmentFact, "aligned-pass" | "unknown">, (p: Record<string, string | number>) => [string, string]> = {
  "dkim-key-missing": (p) => [`Mail from ${p.fromDomain} is signed with selector ${p.selector}, but no key is published at ${p.name}: DKIM fails, and with SPF not aligned, so does DMARC.`, `Publish the key for selector ${p.selector} at ${p.name} (the signing service shows it).`],
  "dkim-key-revoked": (p) => [`The DKIM key at ${p.name} is revoked (empty p=): signatures with selector ${p.selector} fail, and DMARC with them.`, `Have the sending system sign with the current selector, or publish its key at ${p.name}.`],
  "dkim-weak-key": (p) => [`The DKIM key at ${p.name} is RSA ${p.bits} bits: receivers refuse keys under 1024 bits (RFC 8301), so DKIM fails, and DMARC with it.`, `Create a 2048-bit key under a new selector and sign with it.`],
  "strict-subdomain": (p) => [`${p.domain} is aligned with ${p.fromDomain} only in relaxed mode, and the DMARC record asks for strict (${p.tag}=s).`, `Use ${p.fromDomain} itself as the ${p.identifier === "spf" ? "envelope (return-path) domain" : "DKIM signing domain (d=)"}, or set ${p.tag}=r.`],
  "dkim-other-domain": (p) => [`Mail from ${p.fromDomain} is DKIM-signed only by ${p.domain}, and SPF is for ${p.spfDomain || "another domain"}: neither is aligned with ${p.fromDomain}, so DMARC fails.`, `Set up DKIM signing with ${p.fromDomain} at the sending service (publish its selector keys under ${p.fromDomain}).`],
  "spf-unaligned-no-dkim": (p) => [`SPF is checked for ${p.spfDomain} (result ${p.spfResult}), not for ${p.fromDomain}, and the mail carries no DKIM signature: nothing aligns with ${p.fromDomain}, so DMARC fails.`, `Set up a custom return-path under ${p.fromDomain} (a CNAME to the service) or DKIM signing with ${p.fromDomain} at the sending service.`],
  "spf-not-passing": (p) => [`SPF for ${p.spfDomain} does not pass (result ${p.spfResult}) and no aligned DKIM signature makes up for it, so DMARC fails.`, `Authorize the sending server in the SPF record of ${p.spfDomain}, or sign with DKIM as ${p.fromDomain}.`],
};

function problemFor(fact: Exclude<AlignmentFact, "aligned-pass" | "unknown">, params: Record<string, string | number>): Problem {
  const [message, hint] = MESSAGES[fact](params);
  return { code: fact, severity: "error", message, hint, domain: String(params.fromDomain), params };
}
