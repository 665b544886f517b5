/**
 * Which message the diagnosis is for, in view at all times, and a way to read the
 * selected message again. A pinned pane is not told when the selection moves onto an
 * NDR (ItemChanged does not fire there, office-js #974), so it may still show the
 * previous message's diagnosis: this line says which one it is. Where Outlook keeps
 * handing the pane the message it opened on (outlook.live.com, office-js #6833), reading
 * again brings the same message back, and the pane says so and what to do instead.
 */
import { Body1Strong, Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowSyncRegular } from "@fluentui/react-icons";
import { useId } from "react";
import { singleLine } from "../../text/sanitize";
import type { ItemSummary, LabeledSource } from "../office/host";
import { useLocale, useT } from "../locale";
import { sourceLabel } from "./SourcePicker";
import { useSharedStyles } from "./styles";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  actions: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, paddingTop: tokens.spacingVerticalXXS },
});

/** Subject and sender are the message's own words: one line, no control or bidi characters, bounded. */
const clean = (text: string) => singleLine(text, 200);

function formatDate(iso: string, locale: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export interface DiagnosisSubjectProps {
  /** The source shown, or undefined before anything was read. */
  source: LabeledSource | undefined;
  /** The Outlook item the sources came from, when they came from one. */
  item: ItemSummary | null;
  /** Read the selected message again (the pane in Outlook); absent on the standalone page. */
  onReread?: () => void;
  /** The last "Read selected message" brought back the message already shown. */
  sameItem?: boolean;
  busy: boolean;
}

export function DiagnosisSubject({ source, item, onReread, sameItem = false, busy }: DiagnosisSubjectProps) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const shared = useSharedStyles();
  const hintId = useId();
  const fromItem = item && (!source || source.origin === "item" || source.origin === "attachment");
  const date = fromItem && item.date ? formatDate(item.date, locale) : null;
  const described = fromItem || source;
  if (!described && !onReread) return null;
  return (
    <section className={styles.root} aria-label={t("ui.subject.heading")} data-testid="diagnosis-subject">
      {described && <Caption1>{t("ui.subject.heading")}</Caption1>}
      {fromItem && (
        <>
          <Body1Strong className={shared.wrap} data-testid="subject-title">
            {item.subject ? clean(item.subject) : t("ui.subject.noSubject")}
          </Body1Strong>
          {(item.from || date) && (
            <Caption1 className={shared.wrap}>{[item.from ? t("ui.subject.from", { from: clean(item.from) }) : null, date].filter(Boolean).join(" · ")}</Caption1>
          )}
          {source?.origin === "attachment" && <Caption1 className={shared.wrap}>{clean(sourceLabel(source, t))}</Caption1>}
        </>
      )}
      {!fromItem && source && (
        <Body1Strong className={shared.wrap} data-testid="subject-title">
          {clean(sourceLabel(source, t))}
        </Body1Strong>
      )}
      {onReread && (
        <div className={styles.actions}>
          <Button size="small" icon={<ArrowSyncRegular />} onClick={onReread} disabled={busy} aria-describedby={hintId}>
            {t("ui.subject.reread")}
          </Button>
        </div>
      )}
      {onReread && (
        <Caption1 id={hintId} className={shared.wrap}>
          {t("ui.subject.rereadHint")}
        </Caption1>
      )}
      {onReread && (
        <div role="status" aria-live="polite">
          {sameItem && (
            <MessageBar intent="info" layout="multiline" data-testid="same-item-notice">
              <MessageBarBody className={shared.wrap}>
                <MessageBarTitle>{t("ui.subject.same.title")}</MessageBarTitle>
                {t("ui.subject.same.body")}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
      )}
    </section>
  );
}
