/** Picks the Fluent theme that matches Outlook's theme, or the system's outside Outlook. */
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import type { MailHost } from "./office/host";

export type ThemeName = "light" | "dark" | "high-contrast";

export interface SystemPreferences {
  prefersDark: boolean;
  forcedColors: boolean;
}

export function systemPreferences(win: Pick<Window, "matchMedia"> | undefined = globalThis.window): SystemPreferences {
  const matches = (query: string) => Boolean(win?.matchMedia?.(query).matches);
  return { prefersDark: matches("(prefers-color-scheme: dark)"), forcedColors: matches("(forced-colors: active)") };
}

/** Relative luminance of a #rgb / #rrggbb colour (WCAG 2 definition), or null. @internal exported for its test */
export function luminance(color: string): number | null {
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? hex.replace(/./g, "$&$&") : hex;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const channel = parseInt(full.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function themeNameFor(hostTheme: MailHost["theme"], system: SystemPreferences): ThemeName {
  if (system.forcedColors) return "high-contrast";
  if (hostTheme) {
    const background = hostTheme.bodyBackgroundColor ? luminance(hostTheme.bodyBackgroundColor) : null;
    if (background !== null) return background < 0.2 ? "dark" : "light";
    return hostTheme.isDark ? "dark" : "light";
  }
  return system.prefersDark ? "dark" : "light";
}

export const themes: Record<ThemeName, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  "high-contrast": teamsHighContrastTheme,
};
