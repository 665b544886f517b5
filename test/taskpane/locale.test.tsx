/**
 * The pane's t() takes only the pane's own catalog keys: a mistyped key, or a guidance
 * key that lives in the engine chunk, fails tsc rather than showing the key to a user.
 */
import { render, screen } from "@testing-library/react";
import { LocaleProvider, useT } from "../../src/taskpane/locale";
import { isUiMessageKey } from "../../src/taskpane/ui-text";

function Title({ mistyped }: { mistyped?: boolean }) {
  const t = useT();
  // @ts-expect-error: "ui.app.titel" is not a UiMessageKey
  if (mistyped) return <p>{t("ui.app.titel")}</p>;
  return <h1>{t("ui.app.title")}</h1>;
}

test("a key of the pane's catalog is worded in the pane's locale", () => {
  render(
    <LocaleProvider locale="zh-TW">
      <Title />
    </LocaleProvider>,
  );
  expect(screen.getByRole("heading").textContent).not.toBe("ui.app.title");
});

test("keys computed at run time are told apart from the pane's", () => {
  expect(isUiMessageKey("ui.app.title")).toBe(true);
  expect(isUiMessageKey("ui.app.titel")).toBe(false);
  expect(isUiMessageKey("guidance.title")).toBe(false);
});
