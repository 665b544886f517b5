/** When the item holds several candidate bounces (the message, attachments), choose which to show. */
import { Field, Select } from "@fluentui/react-components";
import type { LabeledSource } from "../office/host";
import { useT } from "../locale";

export function SourcePicker({ sources, active, onSelect }: { sources: LabeledSource[]; active: number; onSelect(index: number): void }) {
  const t = useT();
  return (
    <Field label={t("ui.sources.label")}>
      <Select value={String(active)} onChange={(_, data) => onSelect(Number(data.value))}>
        {sources.map((source, index) => (
          <option key={index} value={index}>
            {source.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
