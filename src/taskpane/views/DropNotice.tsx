/**
 * What happened to a drag through Outlook's DragAndDropEvent when no bounce came of it:
 * the pane says so and what to try, never stays silent (office-js #6541: a drop with no
 * data; #6370: only dragover, for the message open in the reading pane).
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { singleLine } from "../../text/sanitize";
import { useT } from "../locale";
import { useSharedStyles } from "./styles";

export type DropProblem = { kind: "empty" } | { kind: "no-drop" } | { kind: "errors"; errors: string[] };

/** At most this many unreadable files are named. */
const MAX_NAMED = 5;

export function DropNotice({ problem }: { problem: DropProblem }) {
  const t = useT();
  const shared = useSharedStyles();
  const key = problem.kind === "empty" ? "ui.drop.empty" : problem.kind === "no-drop" ? "ui.drop.none" : null;
  return (
    <div role="status" aria-live="polite" data-testid="drop-notice">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody className={shared.wrap}>
          <MessageBarTitle>{key ? t(`${key}.title`) : t("ui.drop.errors.title")}</MessageBarTitle>
          {key && t(`${key}.body`)}
          {problem.kind === "errors" && (
            <ul>
              {problem.errors.slice(0, MAX_NAMED).map((error, index) => (
                <li key={index}>{singleLine(error, 300)}</li>
              ))}
            </ul>
          )}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}
