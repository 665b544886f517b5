/** The root: Fluent theme from the host (or the system), locale from the display language. */
import { FluentProvider } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { resolveLocale } from "./ui-text";
import { LocaleProvider } from "./locale";
import type { MailHost } from "./office/host";
import { defaultServices, type Services } from "./services";
import { systemPreferences, themeNameFor, themes, type ThemeName } from "./theme";
import { BounceDoctor, type BounceDoctorProps } from "./views/BounceDoctor";

export interface AppProps {
  host: MailHost;
  variant: BounceDoctorProps["variant"];
  services?: Services;
  extraInput?: BounceDoctorProps["extraInput"];
  initialReading?: BounceDoctorProps["initialReading"];
}

/** Follows the system's colour scheme while the page is open, unless Outlook gave a theme. */
function useThemeName(hostTheme: MailHost["theme"]): ThemeName {
  const [name, setName] = useState(() => themeNameFor(hostTheme, systemPreferences()));
  useEffect(() => {
    const update = () => setName(themeNameFor(hostTheme, systemPreferences()));
    update();
    if (typeof window === "undefined" || !window.matchMedia) return;
    const queries = ["(prefers-color-scheme: dark)", "(forced-colors: active)"].map((query) => window.matchMedia(query));
    queries.forEach((query) => query.addEventListener?.("change", update));
    return () => queries.forEach((query) => query.removeEventListener?.("change", update));
  }, [hostTheme]);
  return name;
}

export function App({ host, variant, services = defaultServices, extraInput, initialReading }: AppProps) {
  const locale = resolveLocale(host.displayLanguage);
  const themeName = useThemeName(host.theme);
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
