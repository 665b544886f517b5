/** Buttons that load a sample bounce, so the page can be tried without one at hand. */
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { LabeledSource } from "../taskpane/office/host";
import { useT } from "../taskpane/locale";
import { samples } from "./samples";

const useStyles = makeStyles({
  list: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, margin: 0, padding: 0, listStyle: "none" },
});

export function Samples({ onSource }: { onSource: (source: LabeledSource) => void }) {
  const t = useT();
  const styles = useStyles();
  const [error, setError] = useState<string | null>(null);
  const load = async (file: string) => {
    setError(null);
    try {
      const response = await fetch(`samples/${file}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      onSource({ origin: "file", name: file, source: await response.text() });
    } catch (failure) {
      setError(t("ui.samples.failed", { detail: failure instanceof Error ? failure.message : String(failure) }));
    }
  };
  return (
    <div>
      <Caption1 as="p" block id="samples-label" style={{ margin: "0 0 4px" }}>
        {t("ui.samples.heading")}
      </Caption1>
      <ul className={styles.list} aria-labelledby="samples-label">
        {samples.map((sample) => (
          <li key={sample.file}>
            <Button size="small" onClick={() => void load(sample.file)}>
              {t(sample.labelKey)}
            </Button>
          </li>
        ))}
      </ul>
      {error && <Caption1 role="alert">{error}</Caption1>}
    </div>
  );
}
