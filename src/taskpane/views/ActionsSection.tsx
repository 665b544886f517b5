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
  onDraftLanguageChange(language: Locale): void;
  canDraft: boolean;
  onDraft(): void;
  onCopy(): void;
  busy: boolean;
}

const draftLanguages: Locale[] = ["en-US", "zh-TW"];

export function ActionsSection(props: ActionsSectionProps) {
  const { guidance, draftLanguage, onDraftLanguageChange, canDraft, onDraft, onCopy, busy } = props;
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
            icon={<MailRegular />}
            disabled={!canDraft || busy}
            aria-describedby={hintId}
            onClick={onDraft}
          >
            {t("ui.actions.draft")}
          </Button>
          <Caption1 id={hintId} className={styles.wrap}>
            {canDraft ? t("ui.actions.draftTo", { to: draft.to }) : t("ui.actions.draftUnavailable", { to: draft.to })}
          </Caption1>
        </>
      )}
      <Button icon={<CopyRegular />} onClick={onCopy}>
        {t("ui.actions.copy")}
      </Button>
    </section>
  );
}
