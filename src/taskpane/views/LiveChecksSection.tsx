/**
 * The live checks the bounce called for (recipient domain, blocklists, reverse DNS, TLS
 * policy), most relevant first, each led by its deciding fact in one line. Every value
 * here came from DNS or a policy file: shown as text, never as HTML.
 */
import { Badge, Body1, Caption1, Link, Spinner, Subtitle2, Text, type BadgeProps } from "@fluentui/react-components";
import type { CheckKind, CheckReport, DnsblResult, Outcome } from "../../checks/types";
import type { Locale } from "../../i18n";
import { useT } from "../locale";
import type { ChecksState, Engine } from "../types";
import { useSharedStyles } from "./styles";

export interface LiveChecksSectionProps {
  engine: Engine;
  checks: ChecksState;
  locale: Locale;
  /** The checks the bounce calls for, known before the backend answers. */
  expected: CheckKind[];
}

const listColor: Record<DnsblResult["status"], BadgeProps["color"]> = {
  listed: "danger",
  "not-listed": "success",
  refused: "warning",
  unsupported: "informative",
  error: "warning",
};

function errorOf(outcome: Outcome<object> | undefined): string | null {
  return outcome && "error" in outcome && Object.keys(outcome).length === 1 ? (outcome).error : null;
}

export function LiveChecksSection({ engine, checks, locale, expected }: LiveChecksSectionProps) {
  const t = useT();
  const styles = useSharedStyles();
  if (expected.length === 0) return null;
  const report: CheckReport | null = checks.status === "done" ? checks.checks : null;
  const live = report?.live ?? null;
  const facts = live ? engine.liveFactLines(report, locale) : [];
  const order = live ? live.checks : expected;
  return (
    <section className={styles.section} aria-labelledby="live-heading" aria-busy={checks.status === "loading"} data-testid="live-checks">
      <Subtitle2 as="h2" id="live-heading" className={styles.heading}>
        {t("ui.live.heading")}
      </Subtitle2>
      {checks.status === "loading" && <Spinner size="tiny" labelPosition="after" label={t("ui.live.loading")} />}
      {checks.status === "failed" && <Body1>{t("ui.live.failed")}</Body1>}
      {live &&
        order.map((kind) => {
          const fact = facts.find((f) => f.kind === kind);
          const outcome = kind === "recipient-domain" ? live.recipientDomain : kind === "dnsbl" ? live.dnsbl : kind === "reverse-dns" ? live.reverseDns : live.tlsPolicy;
          const error = errorOf(outcome);
          return (
            <div key={kind} data-testid={`live-${kind}`}>
              <Text as="h3" block weight="semibold" className={styles.subheading}>
                {t(`ui.live.kind.${kind}`)}
              </Text>
              {fact && <Body1 block className={styles.wrap}>{fact.text}</Body1>}
              {error && <Caption1 className={styles.wrap}>{t("ui.live.couldNotCheck", { error })}</Caption1>}
              {kind === "dnsbl" && live.dnsbl && !error && "results" in live.dnsbl && (
                <ul className={styles.list} style={{ listStyle: "none", paddingInlineStart: 0 }}>
                  {live.dnsbl.results.map((r) => (
                    <li key={r.zone} className={styles.wrap}>
                      <Badge appearance="tint" color={listColor[r.status]} style={{ marginInlineEnd: 6 }}>
                        {t(`ui.live.list.${r.status}`)}
                      </Badge>
                      <Caption1>
                        {r.name}
                        {r.meanings.length > 0 ? ` (${r.meanings.map((m) => m.label).join(", ")})` : ""}
                      </Caption1>
                      {r.status === "listed" && r.lookupUrl && (
                        <>
                          {" "}
                          <Link href={r.lookupUrl} target="_blank" rel="noopener noreferrer">
                            {t("ui.live.delist")}
                          </Link>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {kind === "tls-policy" && live.tlsPolicy && !error && "mtaSts" in live.tlsPolicy && live.tlsPolicy.mtaSts.mxPatterns.length > 0 && (
                <pre className={styles.verbatim} tabIndex={0}>
                  <code>{live.tlsPolicy.mtaSts.mxPatterns.map((p) => `mx: ${p}`).join("\n")}</code>
                </pre>
              )}
            </div>
          );
        })}
    </section>
  );
}
