/**
 * The whole pane: reads the item, shows the diagnosis, and offers paste, open and
 * drop when there is nothing (or nothing useful) to read. The standalone page uses
 * it too, with a browser host and sample bounces.
 */
import { Body1, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, lazy, useCallback, useEffect, useState, type DragEvent, type ReactNode } from "react";
import type { DropEvent, ItemReading, LabeledSource, MailHost } from "../office/host";
import { useT } from "../locale";
import { loadReport } from "../preload";
import type { Outcome, Services } from "../types";
import { useDiagnosis } from "../use-diagnosis";
import { DiagnosisSubject } from "./DiagnosisSubject";
import { DropNotice, type DropProblem } from "./DropNotice";
import { InputPanel } from "./InputPanel";
import { ReportBoundary } from "./ReportBoundary";
import { SourcePicker } from "./SourcePicker";
import { useSharedStyles } from "./styles";

// The report's views (SPF tree, accordion, badges...) load beside the engine, after the first paint.
const Report = lazy(() => loadReport().then((module) => ({ default: module.Report })));

const useStyles = makeStyles({
  root: {
    boxSizing: "border-box",
    minHeight: "100vh",
    maxWidth: "100%",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    overflowX: "hidden",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  page: { maxWidth: "720px", marginInline: "auto", width: "100%" },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  main: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
});

export interface BounceDoctorProps {
  host: MailHost;
  services: Services;
  /** "pane" reads the Outlook item; "page" waits for a paste, file or drop. */
  variant: "pane" | "page";
  /** Extra ways in, shown with paste/open/drop (the page's sample bounces). */
  extraInput?: (diagnose: (sources: LabeledSource[]) => void) => ReactNode;
  /** The current item's reading, started before the first render so Outlook works while React does. */
  initialReading?: Promise<ItemReading>;
}

export function BounceDoctor({ host, services, variant, extraInput, initialReading }: BounceDoctorProps) {
  const t = useT();
  const styles = useStyles();
  const shared = useSharedStyles();
  const readCurrentItem = useCallback(() => host.readCurrentItem(), [host]);
  const { state, readItem, diagnoseSources, select, retryChecks } = useDiagnosis(readCurrentItem, services, {
    startIdle: variant === "page",
    initialReading,
  });
  const [dragging, setDragging] = useState(false);
  const [inputError, setInputError] = useState<string | null>(null);
  const [dropProblem, setDropProblem] = useState<DropProblem | null>(null);

  // ItemChanged: Outlook says the selection moved.
  const reread = useCallback(() => {
    setDropProblem(null);
    readItem();
  }, [readItem]);
  // "Read selected message": the user asks, because Outlook may not say (office-js #974, #6833).
  const rereadAsked = useCallback(() => {
    setDropProblem(null);
    readItem(true);
  }, [readItem]);

  const onOutlookDrop = useCallback(
    (drop: DropEvent) => {
      if (drop.kind !== "files") {
        setDropProblem({ kind: drop.kind });
        return;
      }
      setDropProblem(drop.errors.length ? { kind: "errors", errors: drop.errors } : null);
      if (drop.sources.length) diagnoseSources(drop.sources);
    },
    [diagnoseSources],
  );

  useEffect(() => {
    loadReport().catch(() => {}); // a failure shows where the report would be
    if (variant === "pane") readItem();
    const offItem = host.onItemChanged(reread);
    const offDrop = host.onDrop(onOutlookDrop);
    return () => {
      offItem();
      offDrop();
    };
  }, [host, variant, readItem, reread, onOutlookDrop]);

  const diagnoseText = useCallback(
    (text: string) => {
      setInputError(null);
      setDropProblem(null);
      diagnoseSources([{ origin: "paste", source: text }]);
    },
    [diagnoseSources],
  );

  // Files opened with the picker, and HTML5 drops: how classic Outlook on Windows (.msg) and
  // Outlook on Mac (.eml) hand over a dragged message (Microsoft docs, "Drag and drop messages
  // and attachments into the task pane of an Outlook add-in"), and files from the desktop anywhere.
  const diagnoseFiles = useCallback(
    async (files: File[], origin: "file" | "drop") => {
      setInputError(null);
      setDropProblem(null);
      try {
        const sources = await Promise.all(files.map((file) => services.readFile(file, origin)));
        diagnoseSources(sources);
      } catch (error) {
        setInputError(error instanceof Error ? error.message : String(error));
      }
    },
    [diagnoseSources, services],
  );

  const dropHandlers = {
    onDragOver: (event: DragEvent) => {
      if (![...event.dataTransfer.types].some((type) => type === "Files" || type === "text/plain")) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      setDragging(true);
    },
    onDragLeave: (event: DragEvent) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      const files = [...event.dataTransfer.files];
      if (files.length > 0) void diagnoseFiles(files, "drop");
      else {
        const text = event.dataTransfer.getData("text/plain");
        if (text.trim()) diagnoseText(text);
      }
    },
  };

  const { outcome } = state;
  const diagnosed = outcome.status === "diagnosed";
  return (
    <div className={variant === "page" ? `${styles.root} ${styles.page}` : styles.root} {...dropHandlers}>
      <header className={styles.header}>
        <Title3 as="h1" className={shared.heading}>
          {t("ui.app.title")}
        </Title3>
        {variant === "page" && <Body1>{t("ui.app.pageIntro")}</Body1>}
      </header>
      <main className={styles.main}>
        <div role="status" aria-live="polite" className={shared.visuallyHidden} data-testid="announcer">
          {announcement(outcome, t)}
        </div>
        <DiagnosisSubject
          source={state.sources[state.active]}
          item={state.item}
          onReread={variant === "pane" ? rereadAsked : undefined}
          sameItem={state.sameItem}
          busy={outcome.status === "working"}
        />
        {dropProblem && <DropNotice problem={dropProblem} />}
        {state.sources.length > 1 && <SourcePicker sources={state.sources} active={state.active} onSelect={select} />}
        {outcome.status === "working" && <Spinner size="small" label={t("ui.status.working")} />}
        {(outcome.status === "blocked" || outcome.status === "not-bounce") && <WhyNot outcome={outcome} />}
        {inputError && (
          <MessageBar intent="error">
            <MessageBarBody>{t("ui.input.fileError", { detail: inputError })}</MessageBarBody>
          </MessageBar>
        )}
        {diagnosed && state.engine && (
          <ReportBoundary resetOn={outcome.bounce} title={t("ui.report.failed")}>
            <Suspense fallback={<Spinner size="small" label={t("ui.status.working")} />}>
              <Report
                engine={state.engine}
                bounce={outcome.bounce}
                checks={state.checks}
                host={host}
                services={services}
                onRetryChecks={retryChecks}
              />
            </Suspense>
          </ReportBoundary>
        )}
        <InputPanel primary={!diagnosed} dragging={dragging} onText={diagnoseText} onFiles={(files) => void diagnoseFiles(files, "file")}>
          {extraInput?.(diagnoseSources)}
        </InputPanel>
      </main>
    </div>
  );
}

function announcement(outcome: Outcome, t: ReturnType<typeof useT>): string {
  switch (outcome.status) {
    case "working":
      return t("ui.status.working");
    case "diagnosed":
      return t("ui.status.diagnosed");
    case "blocked":
    case "not-bounce":
      return t("ui.status.nothing");
    default:
      return "";
  }
}

function WhyNot({ outcome }: { outcome: Extract<Outcome, { status: "blocked" | "not-bounce" }> }) {
  const t = useT();
  const shared = useSharedStyles();
  // Every reason and kind has its title and body: a missing one fails tsc.
  const [title, body] =
    outcome.status === "blocked"
      ? ([`ui.blocked.${outcome.reason}.title`, `ui.blocked.${outcome.reason}.body`] as const)
      : ([`ui.notBounce.${outcome.kind}.title`, `ui.notBounce.${outcome.kind}.body`] as const);
  return (
    <MessageBar intent={outcome.status === "blocked" ? "warning" : "info"} layout="multiline">
      <MessageBarBody className={shared.wrap}>
        <MessageBarTitle>{t(title)}</MessageBarTitle>
        {t(body)} {outcome.detail ? t("ui.detail", { detail: outcome.detail }) : ""}
      </MessageBarBody>
    </MessageBar>
  );
}
