/** Each failed (or delayed) recipient with the remote server's own words, verbatim. */
import { Badge, Body1Strong, Caption1, Subtitle2 } from "@fluentui/react-components";
import type { BounceRecipient } from "../../ndr/types";
import type { Bounce } from "../../ndr/bounce";
import { useT } from "../locale";
import { useSharedStyles } from "./styles";

/** Delivered or relayed recipients are noise here unless nothing failed. */
function recipientsToShow(bounce: Bounce): BounceRecipient[] {
  const troubled = bounce.recipients.filter((r) => r.action === "failed" || r.action === "delayed");
  return troubled.length > 0 ? troubled : bounce.recipients;
}

export function RecipientsSection({ bounce }: { bounce: Bounce }) {
  const t = useT();
  const styles = useSharedStyles();
  const recipients = recipientsToShow(bounce);
  return (
    <section className={styles.section} aria-labelledby="recipients-heading">
      <Subtitle2 as="h2" id="recipients-heading" className={styles.heading}>
        {t("ui.recipients.heading", { count: recipients.length })}
      </Subtitle2>
      {recipients.length === 0 && <Caption1>{t("ui.recipients.none")}</Caption1>}
      <ul className={styles.list} style={{ listStyle: "none", paddingInlineStart: 0, rowGap: "12px" }}>
        {recipients.map((recipient, index) => (
          <li key={`${recipient.address ?? "unknown"}-${index}`}>
            <Recipient recipient={recipient} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Recipient({ recipient }: { recipient: BounceRecipient }) {
  const t = useT();
  const styles = useSharedStyles();
  const dash = t("ui.value.unknown");
  return (
    <div className={styles.wrap} data-testid="recipient">
      <div className={styles.row}>
        <Body1Strong className={styles.wrap}>{recipient.address ?? t("ui.recipients.unknownAddress")}</Body1Strong>
        <Badge appearance="filled" color={recipient.action === "failed" ? "danger" : recipient.action === "delayed" ? "warning" : "informative"}>
          {t(`ui.action.${recipient.action}`)}
        </Badge>
      </div>
      <dl className={styles.facts}>
        <dt>{t("ui.recipients.status")}</dt>
        <dd>{recipient.status ?? dash}</dd>
        <dt>{t("ui.recipients.replyCode")}</dt>
        <dd>{recipient.replyCode ?? dash}</dd>
        <dt>{t("ui.recipients.remoteServer")}</dt>
        <dd>{recipient.remoteMta ?? dash}</dd>
      </dl>
      {recipient.diagnostic && (
        <>
          <Caption1 as="p" block style={{ margin: "6px 0 2px" }}>
            {t("ui.recipients.serverSaid")}
          </Caption1>
          {/* The remote server's words, as text: never interpreted as markup. */}
          <pre className={styles.verbatim} tabIndex={0}>
            <code>{recipient.diagnostic}</code>
          </pre>
        </>
      )}
    </div>
  );
}
