/** The root: Fluent theme from the host (or the system), locale from the display language. */
import { FluentProvider } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { resolveLocale } from "./ui-text";
import { LocaleProvider } from "./locale";
import type { MailHost } from "./office/host";
import { defaultServices } from "./services";
import type { Services } from "./types";
import { systemPreferences, themeNameFor, themes, type ThemeName } from "./theme";
import { BounceDoctor, type BounceDoctorProps } from "./views/BounceDoctor";

export interface AppProps {
  host: MailHost;
  variant: BounceDoctorProps["variant"];
  services?: Services;
  extraInput?: BounceDoctorProps["extraInput"];
  initialReading?: BounceDoctorProps["initialReading"];
}

/**
 * Re-picks the theme while the pane is open: when the host reports a theme change
 * (Outlook's theme, or the system's colour scheme outside Outlook) and when forced
 * colours (high contrast) are switched, which win in every host.
 */
function useThemeName(host: MailHost): ThemeName {
  const [name, setName] = useState(() => themeNameFor(host.theme, systemPreferences()));
  useEffect(() => {
    const update = () => setName(themeNameFor(host.theme, systemPreferences()));
    update();
    const offHost = host.onThemeChanged(update);
    const forcedColors = typeof window === "undefined" ? undefined : window.matchMedia?.("(forced-colors: active)");
    forcedColors?.addEventListener?.("change", update);
    return () => {
      offHost();
      forcedColors?.removeEventListener?.("change", update);
    };
  }, [host]);
  return name;
}

export function App({ host, variant, services = defaultServices, extraInput, initialReading }: AppProps) {
  const locale = resolveLocale(host.displayLanguage);
  const themeName = useThemeName(host);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <FluentProvider theme={themes[themeName]} lang={locale} data-theme={themeName}>
      <LocaleProvider locale={locale}>
        <BounceDoctor host={host} services={services} variant={variant} extraInput={extraInput} initialReading={initialReading} />
      </LocaleProvider>
    </FluentProvider>
  );
}
