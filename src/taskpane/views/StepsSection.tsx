/** What to do, grouped by who has to do it. */
import { Subtitle2, Text } from "@fluentui/react-components";
import type { Actor, Guidance, GuidanceStep } from "../../guidance/types";
import { useT } from "../locale";
import { useSharedStyles } from "./styles";

const actorOrder: Actor[] = ["you", "your-admin", "recipient-admin", "nobody"];

export function StepsSection({ guidance }: { guidance: Guidance }) {
  const t = useT();
  const styles = useSharedStyles();
  const groups = actorOrder
    .map((actor) => ({ actor, steps: guidance.steps.filter((step) => step.actor === actor) }))
    .filter((group) => group.steps.length > 0);
  if (groups.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="steps-heading">
      <Subtitle2 as="h2" id="steps-heading" className={styles.heading}>
        {t("ui.steps.heading")}
      </Subtitle2>
      {groups.map(({ actor, steps }) => (
        <StepGroup key={actor} actor={actor} steps={steps} />
      ))}
    </section>
  );
}

function StepGroup({ actor, steps }: { actor: Actor; steps: GuidanceStep[] }) {
  const t = useT();
  const styles = useSharedStyles();
  const headingId = `steps-${actor}`;
  return (
    <div data-testid={`steps-${actor}`}>
      <Text as="h3" block weight="semibold" id={headingId} className={styles.subheading}>
        {t(`ui.steps.for.${actor}`)}
      </Text>
      <ol className={styles.list} aria-labelledby={headingId}>
        {steps.map((step, index) => (
          <li key={index} className={styles.wrap}>
            <Text>{step.text}</Text>
          </li>
        ))}
      </ol>
    </div>
  );
}
