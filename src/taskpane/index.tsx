/** Entry of taskpane.html: waits for Office, then shows the pane for the current item. */
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createBrowserHost, createOfficeHost, type MailHost } from "./office";
import { preloadDiagnosis } from "./preload";

async function start(): Promise<void> {
  preloadDiagnosis();
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root");
  const root = createRoot(container);
  let host: MailHost;
  try {
    host = await createOfficeHost();
  } catch {
    // Opened outside Outlook (or Office.js failed to load): work as the standalone page does.
    root.render(<App host={createBrowserHost()} variant="page" />);
    return;
  }
  root.render(<App host={host} variant="pane" initialReading={host.readCurrentItem()} />);
}

void start();
