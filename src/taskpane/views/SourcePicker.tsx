/** When the item holds several candidate bounces (the message, attachments), choose which to show. */
import { Field, Select } from "@fluentui/react-components";
import type { LabeledSource } from "../office/host";
import type { UiMessageKey } from "../../i18n/messages/ui.en-US";
import { useT, type Translate } from "../locale";

/** Catalog key of each origin's label; the named ones take the name as {name}. */
const LABEL_KEYS: Record<LabeledSource["origin"], UiMessageKey> = {
  item: "ui.source.item",
  body: "ui.source.body",
  paste: "ui.source.pasted",
  attachment: "ui.source.attachment",
  file: "ui.source.file",
  drop: "ui.source.drop",
};

/** The source's label in the pane's language. The name is a parameter: shown as text, never parsed as a message pattern. */
export function sourceLabel(source: LabeledSource, t: Translate): string {
  return t(LABEL_KEYS[source.origin], { name: source.name ?? "" });
}

export function SourcePicker({ sources, active, onSelect }: { sources: LabeledSource[]; active: number; onSelect: (index: number) => void }) {
  const t = useT();
  return (
    <Field label={t("ui.sources.label")}>
      <Select value={String(active)} onChange={(_, data) => onSelect(Number(data.value))}>
        {sources.map((source, index) => (
          <option key={index} value={index}>
            {sourceLabel(source, t)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
