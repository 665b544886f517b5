/** The live SPF and DMARC facts for the sender's domain, as the backend found them. */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Text,
  type BadgeProps,
} from "@fluentui/react-components";
import { ArrowClockwiseRegular } from "@fluentui/react-icons";
import type { Bounce } from "../../ndr/bounce";
import type { AlignmentReport, DmarcReport, Problem, SpfReport, SpfResult } from "../../spf/types";
import { useT, type Translate } from "../locale";
import { isUiMessageKey } from "../ui-text";
import type { ChecksState } from "../types";
import { IncludeTree } from "./IncludeTree";
import { useSharedStyles } from "./styles";

export interface AuthSectionProps {
  bounce: Bounce;
  checks: ChecksState;
  onRetry: () => void;
}

export function AuthSection({ bounce, checks, onRetry }: AuthSectionProps) {
  const t = useT();
  const styles = useSharedStyles();
  const domain = bounce.senderDomain;
  return (
    <section className={styles.section} aria-labelledby="auth-heading" aria-busy={checks.status === "loading"}>
      <Subtitle2 as="h2" id="auth-heading" className={styles.heading}>
        {t("ui.auth.heading")}
      </Subtitle2>
      {domain && <Caption1 className={styles.wrap}>{t("ui.auth.domain", { domain })}</Caption1>}
      {checks.status === "none" && <Body1>{t("ui.auth.noDomain")}</Body1>}
      {checks.status === "loading" && <Spinner size="tiny" labelPosition="after" label={t("ui.auth.loading", { domain: domain ?? "" })} />}
      {checks.status === "failed" && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("ui.auth.failed.title")}</MessageBarTitle>
            {t(`ui.auth.failed.${checks.failure}`, { detail: checks.detail, seconds: 8 })} {t("ui.auth.failed.stillValid")}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" icon={<ArrowClockwiseRegular />} onClick={onRetry}>
              {t("ui.auth.retry")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {checks.status === "done" && (
        <>
          {/* The deciding fact first: for a DMARC or DKIM refusal, alignment says what to fix. */}
          {checks.checks.alignment && !("error" in checks.checks.alignment) && checks.checks.alignment.fromDomain && <AlignmentFacts report={checks.checks.alignment} />}
          {"error" in checks.checks.spf ? <CheckFailed what="SPF" error={checks.checks.spf.error} /> : <SpfFacts report={checks.checks.spf} />}
          {"error" in checks.checks.dmarc ? <CheckFailed what="DMARC" error={checks.checks.dmarc.error} /> : <DmarcFacts report={checks.checks.dmarc} />}
        </>
      )}
    </section>
  );
}

const alignmentIntent: Record<AlignmentReport["deciding"], "success" | "error" | "warning"> = {
  "aligned-pass": "success",
  "dkim-key-missing": "error",
  "dkim-key-revoked": "error",
  "dkim-weak-key": "error",
  "strict-subdomain": "warning",
  "dkim-other-domain": "error",
  "spf-unaligned-no-dkim": "error",
  "spf-not-passing": "error",
  unknown: "warning",
};

function AlignmentFacts({ report }: { report: AlignmentReport }) {
  const t = useT();
  const styles = useSharedStyles();
  const params = Object.fromEntries(Object.entries(report.params).map(([name, value]) => [name, String(value)]));
  const alignedBadge = (aligned: boolean) => (
    <Badge appearance="tint" color={aligned ? "success" : "danger"}>
      {t(aligned ? "ui.alignment.aligned" : "ui.alignment.notAligned")}
    </Badge>
  );
  return (
    <div data-testid="alignment-facts">
      <Text as="h3" block weight="semibold" className={styles.subheading}>
        {t("ui.alignment.heading", { domain: report.fromDomain ?? "" })}
      </Text>
      {report.deciding !== "unknown" && (
        <MessageBar intent={alignmentIntent[report.deciding]} layout="multiline" data-testid="alignment-deciding">
          <MessageBarBody>{t(`ui.alignment.fact.${report.deciding}`, params)}</MessageBarBody>
        </MessageBar>
      )}
      <ul className={styles.list} style={{ listStyle: "none", paddingInlineStart: 0, marginTop: 6 }}>
        {report.spf && (
          <li className={`${styles.wrap} ${styles.row}`}>
            <Caption1>{t("ui.alignment.spf", { domain: report.spf.domain })}</Caption1>
            {report.spf.result && <Caption1>{t("ui.alignment.spfResult", { result: t(`ui.spf.result.${report.spf.result}`) })}</Caption1>}
            {alignedBadge(report.spf.aligned)}
          </li>
        )}
        {report.dkim.map((signature) => (
          <li key={`${signature.selector}:${signature.domain}`} className={`${styles.wrap} ${styles.row}`}>
            <Caption1>{t("ui.alignment.dkim", { domain: signature.domain, selector: signature.selector })}</Caption1>
            {signature.key && <Caption1>{t(`ui.alignment.key.${signature.key}`)}</Caption1>}
            {signature.bits !== null && <Caption1>{t("ui.alignment.keyBits", { type: signature.keyType === "ed25519" ? "Ed25519" : "RSA", bits: signature.bits })}</Caption1>}
            {alignedBadge(signature.aligned)}
          </li>
        ))}
      </ul>
      <Caption1 as="p" block style={{ margin: "2px 0" }}>
        {t("ui.alignment.mode", { spf: report.mode.spf, dkim: report.mode.dkim })}
      </Caption1>
    </div>
  );
}

function CheckFailed({ what, error }: { what: string; error: string }) {
  const t = useT();
  const styles = useSharedStyles();
  return (
    <>
      <Text as="h3" block weight="semibold" className={styles.subheading}>
        {what}
      </Text>
      <Body1 className={styles.wrap}>{t("ui.auth.checkError", { what, error })}</Body1>
    </>
  );
}

const verdictColor: Record<SpfResult, BadgeProps["color"]> = {
  pass: "success",
  fail: "danger",
  softfail: "warning",
  neutral: "informative",
  none: "informative",
  permerror: "severe",
  temperror: "warning",
};

function SpfFacts({ report }: { report: SpfReport }) {
  const t = useT();
  const styles = useSharedStyles();
  const overLimit = report.lookups.total > report.lookups.limit;
  return (
    <div data-testid="spf-facts">
      <Text as="h3" block weight="semibold" className={styles.subheading}>
        SPF
      </Text>
      <dl className={styles.facts}>
        <dt>{t("ui.spf.verdict")}</dt>
        <dd>
          {report.ip && report.result ? (
            <span className={styles.row}>
              <Badge appearance="filled" color={verdictColor[report.result]}>
                {t(`ui.spf.result.${report.result}`)}
              </Badge>
              <span>{t("ui.spf.forIp", { ip: report.ip })}</span>
            </span>
          ) : (
            t("ui.spf.noIp")
          )}
        </dd>
        <dt>{t("ui.spf.lookups")}</dt>
        <dd data-testid="spf-lookups">
          <span className={styles.row}>
            {t("ui.spf.lookupCount", { count: report.lookups.total, limit: report.lookups.limit })}
            {overLimit && (
              <Badge appearance="tint" color="danger">
                {t("ui.spf.overLimit")}
              </Badge>
            )}
          </span>
        </dd>
      </dl>
      {report.decidedBy && (
        <Caption1 as="p" block className={styles.wrap} style={{ margin: "4px 0" }}>
          {t("ui.spf.decidedBy", { term: report.decidedBy.term, domain: report.decidedBy.domain })}
        </Caption1>
      )}
      <Caption1 as="p" block style={{ margin: "4px 0 2px" }}>
        {t("ui.spf.record")}
      </Caption1>
      {report.record ? (
        <pre className={styles.verbatim} tabIndex={0}>
          <code>{report.record}</code>
        </pre>
      ) : (
        <Body1 block>{t("ui.spf.noRecord")}</Body1>
      )}
      <Problems family="spf" problems={report.problems} />
      {report.tree && report.tree.children.length > 0 && (
        <Accordion collapsible>
          <AccordionItem value="tree">
            <AccordionHeader size="small">{t("ui.spf.tree", { count: countNodes(report.tree) })}</AccordionHeader>
            <AccordionPanel>
              <IncludeTree root={report.tree} />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
    </div>
  );
}

function countNodes(node: SpfReport["tree"]): number {
  return node ? 1 + node.children.reduce((sum, child) => sum + countNodes(child), 0) : 0;
}

function DmarcFacts({ report }: { report: DmarcReport }) {
  const t = useT();
  const styles = useSharedStyles();
  const dash = t("ui.value.unknown");
  return (
    <div data-testid="dmarc-facts">
      <Text as="h3" block weight="semibold" className={styles.subheading}>
        DMARC
      </Text>
      {report.record ? (
        <>
          <dl className={styles.facts}>
            <dt>{t("ui.dmarc.policy")}</dt>
            <dd>{report.policy?.p ? t(`ui.dmarc.p.${report.policy.p}`) : dash}</dd>
            {report.policy && report.policy.pct !== 100 && (
              <>
                <dt>{t("ui.dmarc.pct")}</dt>
                <dd>{report.policy.pct}%</dd>
              </>
            )}
            <dt>{t("ui.dmarc.foundAt")}</dt>
            <dd>{report.recordDomain ?? dash}</dd>
          </dl>
          <pre className={styles.verbatim} tabIndex={0}>
            <code>{report.record}</code>
          </pre>
        </>
      ) : (
        <Body1 block>{t("ui.dmarc.noRecord", { domain: report.domain })}</Body1>
      )}
      <Problems family="dmarc" problems={report.problems} />
    </div>
  );
}

/** Backend problems carry a stable code; the catalogs word them, the backend's English message is the fallback. */
function problemText(t: Translate, family: "spf" | "dmarc", problem: Problem): string {
  const key = `ui.problem.${family}.${problem.code}`;
  if (!isUiMessageKey(key)) return problem.message;
  try {
    return t(key, { ...problem.params, domain: problem.domain ?? "", term: problem.term ?? "" });
  } catch {
    // A parameter the wording needs is missing from this finding: the backend's own words still say it.
    return problem.message;
  }
}

const severityColor: Record<Problem["severity"], BadgeProps["color"]> = { error: "danger", warning: "warning", info: "informative" };

function Problems({ family, problems }: { family: "spf" | "dmarc"; problems: Problem[] }) {
  const t = useT();
  const styles = useSharedStyles();
  if (problems.length === 0) return null;
  return (
    <ul className={styles.list} aria-label={t("ui.auth.problems")} style={{ listStyle: "none", paddingInlineStart: 0, marginTop: 6 }}>
      {problems.map((problem, index) => (
        <li key={`${problem.code}-${index}`} className={styles.wrap}>
          <Badge appearance="tint" color={severityColor[problem.severity]} style={{ marginInlineEnd: 6 }}>
            {t(`ui.severity.${problem.severity}`)}
          </Badge>
          <Caption1>{problemText(t, family, problem)}</Caption1>
        </li>
      ))}
    </ul>
  );
}
