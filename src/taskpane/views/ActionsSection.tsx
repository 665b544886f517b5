/** Draft the email to the recipient's mail admin, or copy the whole report as text. */
import { Button, Caption1, Field, Select, Subtitle2 } from "@fluentui/react-components";
import { CopyRegular, MailRegular } from "@fluentui/react-icons";
import { useId } from "react";
import type { Guidance } from "../../guidance/types";
import type { Locale } from "../../i18n";
import { useT } from "../locale";
import { useSharedStyles } from "./styles";

export interface ActionsSectionProps {
  guidance: Guidance;
  draftLanguage: Locale;
  onDraftLanguageChange: (language: Locale) => void;
  /**
   * form: Outlook opens a new message (read mode). copy: the email is copied as text, outside
   * Outlook or where the client has no form. copy-in-compose: the same in a message being
   * written, where Outlook has no new-message form (displayNewMessageForm is read mode only).
   * copy-after-failure: Outlook failed to open the form, or never answered (office-js #6806:
   * a pinned pane in classic Outlook 2606 whose form calls no longer call back).
   */
  draftMode: "form" | "copy" | "copy-in-compose" | "copy-after-failure";
  onDraft: () => void;
  onCopy: () => void;
  busy: boolean;
}

const draftLanguages: Locale[] = ["en-US", "zh-TW"];

const DRAFT_HINTS = {
  form: "ui.actions.draftTo",
  copy: "ui.actions.draftUnavailable",
  "copy-in-compose": "ui.actions.draftInCompose",
  "copy-after-failure": "ui.actions.draftFormFailed",
} as const;

export function ActionsSection(props: ActionsSectionProps) {
  const { guidance, draftLanguage, onDraftLanguageChange, draftMode, onDraft, onCopy, busy } = props;
  const t = useT();
  const styles = useSharedStyles();
  const hintId = useId();
  const draft = guidance.draft;
  return (
    <section className={styles.section} aria-labelledby="actions-heading">
      <Subtitle2 as="h2" id="actions-heading" className={styles.heading}>
        {t("ui.actions.heading")}
      </Subtitle2>
      {draft && (
        <>
          <Field label={t("ui.actions.draftLanguage")}>
            <Select value={draftLanguage} onChange={(_, data) => onDraftLanguageChange(data.value as Locale)}>
              {draftLanguages.map((language) => (
                <option key={language} value={language}>
                  {t(`ui.language.${language}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            appearance="primary"
            icon={draftMode === "form" ? <MailRegular /> : <CopyRegular />}
            disabled={busy}
            aria-describedby={hintId}
            onClick={onDraft}
          >
            {draftMode === "form" ? t("ui.actions.draft") : t("ui.actions.copyDraft")}
          </Button>
          <Caption1 id={hintId} className={styles.wrap}>
            {t(DRAFT_HINTS[draftMode], { to: draft.to })}
          </Caption1>
        </>
      )}
      <Button icon={<CopyRegular />} onClick={onCopy}>
        {t("ui.actions.copy")}
      </Button>
    </section>
  );
}
