/** Entry of index.html: the standalone page, the pane's views without Outlook. */
import { createRoot } from "react-dom/client";
import { App } from "../taskpane/App";
import { createBrowserHost } from "../taskpane/office";
import { Samples } from "./Samples";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root");
createRoot(container).render(
  <App host={createBrowserHost()} variant="page" extraInput={(diagnose) => <Samples onSource={(source) => diagnose([source])} />} />,
);
