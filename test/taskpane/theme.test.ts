/** Theme choice: Outlook's body background first, then the system's preference. */
import { luminance, themeNameFor } from "../../src/taskpane/theme";

const system = { prefersDark: false, forcedColors: false };

test("luminance follows WCAG's definition", () => {
  expect(luminance("#ffffff")).toBeCloseTo(1);
  expect(luminance("#000")).toBe(0);
  expect(luminance("#767676")).toBeCloseTo(0.181, 2);
  expect(luminance("not a colour")).toBeNull();
});

test("Outlook's body background decides between light and dark", () => {
  expect(themeNameFor({ isDark: false, bodyBackgroundColor: "#FFFFFF" }, system)).toBe("light");
  expect(themeNameFor({ isDark: false, bodyBackgroundColor: "#262626" }, system)).toBe("dark");
  // The colour wins over a flag that disagrees with it.
  expect(themeNameFor({ isDark: true, bodyBackgroundColor: "#f3f2f1" }, system)).toBe("light");
  expect(themeNameFor({ isDark: true }, system)).toBe("dark");
  // Outlook's theme wins over the system's preference.
  expect(themeNameFor({ isDark: false, bodyBackgroundColor: "#ffffff" }, { ...system, prefersDark: true })).toBe("light");
});

test("outside Outlook the system's colour scheme decides, and forced colours mean high contrast", () => {
  expect(themeNameFor(null, system)).toBe("light");
  expect(themeNameFor(null, { ...system, prefersDark: true })).toBe("dark");
  expect(themeNameFor({ isDark: false, bodyBackgroundColor: "#fff" }, { prefersDark: false, forcedColors: true })).toBe("high-contrast");
});
