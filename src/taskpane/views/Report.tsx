/** One diagnosed bounce: summary, recipients, the live checks it calls for, SPF/DMARC, steps and actions. */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Caption1, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { Guidance, Reason } from "../../guidance/types";
import { checkQueryFor } from "../checks-client";
import type { Locale } from "../../i18n";
import type { Bounce } from "../../ndr/bounce";
import { useLocale, useT } from "../locale";
import type { MailHost } from "../office/host";
import type { ChecksState, Engine, Services } from "../types";
import { ActionsSection } from "./ActionsSection";
import { AuthSection } from "./AuthSection";
import { LiveChecksSection } from "./LiveChecksSection";
import { RecipientsSection } from "./RecipientsSection";
import { StepsSection } from "./StepsSection";
import { SummarySection } from "./SummarySection";

export interface ReportProps {
  engine: Engine;
  bounce: Bounce;
  checks: ChecksState;
  host: MailHost;
  services: Services;
  onRetryChecks: () => void;
}

type Feedback = { intent: "success" | "error"; text: string } | null;

/** Reasons SPF/DMARC are about: for any other, the authentication facts fold away behind the live checks. */
const AUTH_REASONS: Reason[] = ["spf-failure", "dkim-failure", "dmarc-policy", "authentication-required"];

export function Report({ engine, bounce, checks, host, services, onRetryChecks }: ReportProps) {
  const locale = useLocale();
  const t = useT();
  const [draftLanguage, setDraftLanguage] = useState<Locale | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [drafting, setDrafting] = useState(false);
  // Outlook failed to open a new-message form: the email is offered to copy from then on.
  const [formFailed, setFormFailed] = useState(false);
  // A new bounce starts again from the guidance's own draft language.
  const [shownBounce, setShownBounce] = useState(bounce);
  if (shownBounce !== bounce) {
    setShownBounce(bounce);
    setDraftLanguage(null);
    setFeedback(null);
    setFormFailed(false);
  }

  const checksValue = checks.status === "done" ? checks.checks : null;
  const guidance: Guidance = useMemo(
    () => engine.diagnose(bounce, checksValue, locale, draftLanguage ? { draftLanguage } : {}),
    [engine, bounce, checksValue, locale, draftLanguage],
  );

  const openDraft = async () => {
    if (!guidance.draft) return;
    setDrafting(true);
    setFeedback(null);
    try {
      await host.openDraft({ to: [guidance.draft.to], subject: guidance.draft.subject, htmlBody: guidance.draft.html });
    } catch (error) {
      setFormFailed(true);
      setFeedback({ intent: "error", text: t("ui.actions.draftFailed", { detail: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setDrafting(false);
    }
  };

  /** Where no new message form can open (compose mode, outside Outlook, a form that failed), the email to the admin is copied as text. */
  const copyDraft = async () => {
    const draft = guidance.draft;
    if (!draft) return;
    try {
      await services.copyText(`To: ${draft.to}\nSubject: ${draft.subject}\n\n${draft.text}`);
      setFeedback({ intent: "success", text: t("ui.actions.draftCopied", { to: draft.to }) });
    } catch {
      setFeedback({ intent: "error", text: t("ui.actions.copyFailed") });
    }
  };

  const copyReport = async () => {
    try {
      await services.copyText(engine.formatGuidanceText(bounce, checksValue, guidance, locale));
      setFeedback({ intent: "success", text: t("ui.actions.copied") });
    } catch {
      setFeedback({ intent: "error", text: t("ui.actions.copyFailed") });
    }
  };

  const expectedLive = useMemo(() => checkQueryFor(bounce)?.live?.checks ?? [], [bounce]);
  const authAside = expectedLive.length > 0 && !AUTH_REASONS.includes(guidance.reason);
  const auth = <AuthSection bounce={bounce} checks={checks} onRetry={onRetryChecks} />;

  const draftMode = host.canDraft ? (formFailed ? "copy-after-failure" : "form") : host.mode === "compose" ? "copy-in-compose" : "copy";
  return (
    <>
      <SummarySection guidance={guidance} />
      <RecipientsSection bounce={bounce} />
      <LiveChecksSection engine={engine} checks={checks} locale={locale} expected={expectedLive} />
      {authAside ? (
        <Accordion collapsible data-testid="auth-collapsed">
          <AccordionItem value="auth">
            <AccordionHeader size="small">{t("ui.auth.collapsed")}</AccordionHeader>
            <AccordionPanel>{auth}</AccordionPanel>
          </AccordionItem>
        </Accordion>
      ) : (
        auth
      )}
      <StepsSection guidance={guidance} />
      <ActionsSection
        guidance={guidance}
        draftLanguage={draftLanguage ?? guidance.draft?.language ?? locale}
        onDraftLanguageChange={setDraftLanguage}
        draftMode={draftMode}
        onDraft={() => void (draftMode === "form" ? openDraft() : copyDraft())}
        onCopy={() => void copyReport()}
        busy={drafting}
      />
      <div role="status" aria-live="polite">
        {feedback && (
          <MessageBar intent={feedback.intent}>
            <MessageBarBody>
              <Caption1>{feedback.text}</Caption1>
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </>
  );
}
