/**
 * The system's light/dark preference as an event. The pane follows it outside Outlook,
 * and inside Outlook on clients that give no Office theme.
 */
const DARK_SCHEME = "(prefers-color-scheme: dark)";

/** Calls the listener when the system switches between light and dark; returns an unsubscribe function. */
export function onColorSchemeChange(listener: () => void, win: Pick<Window, "matchMedia"> | undefined = globalThis.window): () => void {
  const query = win?.matchMedia?.(DARK_SCHEME);
  if (!query?.addEventListener) return () => {};
  const onChange = () => listener();
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
