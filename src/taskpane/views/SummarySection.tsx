/** The diagnosis in plain words: what happened and who has to act. */
import { Badge, Body1, Subtitle1 } from "@fluentui/react-components";
import type { Guidance } from "../../guidance/types";
import { useT } from "../locale";
import { useSharedStyles } from "./styles";

export function SummarySection({ guidance }: { guidance: Guidance }) {
  const t = useT();
  const styles = useSharedStyles();
  return (
    <section className={styles.section} aria-labelledby="summary-heading">
      <Subtitle1 as="h2" id="summary-heading" className={styles.heading}>
        {guidance.title}
      </Subtitle1>
      <Body1 as="p" block className={styles.wrap} style={{ margin: 0 }}>
        {guidance.summary}
      </Body1>
      <div className={styles.row}>
        {guidance.code && (
          <Badge appearance="outline" color="informative">
            {t("ui.summary.code", { code: guidance.code })}
          </Badge>
        )}
        {guidance.whoActs.map((actor) => (
          <Badge key={actor} appearance="tint" color="brand">
            {t(`ui.actor.${actor}`)}
          </Badge>
        ))}
      </div>
    </section>
  );
}
