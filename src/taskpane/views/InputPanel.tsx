/** Other ways in: paste the bounce, open a saved file, or drop one on the pane. */
import { Button, Field, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { DocumentArrowUpRegular } from "@fluentui/react-icons";
import { useRef, useState, type ReactNode } from "react";
import { useT } from "../locale";
import { useSharedStyles } from "./styles";

const useStyles = makeStyles({
  dropZone: {
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    textAlign: "center",
    color: tokens.colorNeutralForeground2,
  },
  dropZoneActive: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorNeutralForeground1,
  },
  fileInput: { display: "none" },
});

export interface InputPanelProps {
  /** Whether this is the main content (nothing diagnosed) or an extra at the bottom. */
  primary: boolean;
  dragging: boolean;
  onText: (text: string) => void;
  onFiles: (files: File[]) => void;
  /** Extra ways in (the standalone page's samples). */
  children?: ReactNode;
}

const FILE_TYPES = ".eml,.msg,.txt,message/rfc822,application/vnd.ms-outlook,text/plain";

export function InputPanel({ primary, dragging, onText, onFiles, children }: InputPanelProps) {
  const t = useT();
  const styles = useSharedStyles();
  const own = useStyles();
  const [text, setText] = useState("");
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <section className={styles.section} aria-labelledby="input-heading">
      <Subtitle2 as="h2" id="input-heading" className={styles.heading}>
        {primary ? t("ui.input.heading") : t("ui.input.headingAnother")}
      </Subtitle2>
      <Field label={t("ui.input.pasteLabel")} hint={t("ui.input.pasteHint")}>
        <Textarea value={text} onChange={(_, data) => setText(data.value)} resize="vertical" rows={primary ? 6 : 3} />
      </Field>
      <div className={styles.row}>
        <Button appearance={primary ? "primary" : "secondary"} disabled={text.trim() === ""} onClick={() => onText(text)}>
          {t("ui.input.diagnosePasted")}
        </Button>
        <Button icon={<DocumentArrowUpRegular />} onClick={() => fileInput.current?.click()}>
          {t("ui.input.openFile")}
        </Button>
      </div>
      <input
        ref={fileInput}
        className={own.fileInput}
        type="file"
        accept={FILE_TYPES}
        multiple
        aria-label={t("ui.input.openFile")}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
      <div className={dragging ? `${own.dropZone} ${own.dropZoneActive}` : own.dropZone} data-testid="drop-zone">
        {t("ui.input.dropHint")}
      </div>
      {children}
    </section>
  );
}
