/** The message catalogs: same keys and placeholders in every locale, valid ICU, Taiwanese Traditional Chinese. */
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { catalogs, LOCALES, resolveLocale, t } from "../../src/i18n";

function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) {
      into.add(element.value);
    } else if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) placeholders(option.value, into);
    } else if (element.type === TYPE.tag) {
      placeholders(element.children, into);
    }
  }
  return into;
}

const parseMessage = (text: string) => parse(text, { ignoreTag: true });
const english = catalogs["en-US"];

test("every key exists in every locale, with the same placeholders", () => {
  const problems: string[] = [];
  for (const locale of LOCALES) {
    const catalog = catalogs[locale];
    for (const key of Object.keys(english)) {
      if (!(key in catalog)) {
        problems.push(`${locale}: missing ${key}`);
        continue;
      }
      const expected = [...placeholders(parseMessage(english[key]))].sort();
      const actual = [...placeholders(parseMessage(catalog[key]))].sort();
      if (expected.join() !== actual.join()) problems.push(`${locale} ${key}: {${actual.join()}} instead of {${expected.join()}}`);
    }
    for (const key of Object.keys(catalog)) if (!(key in english)) problems.push(`${locale}: extra key ${key}`);
  }
  expect(problems).toEqual([]);
});

test("every message parses as ICU MessageFormat", () => {
  for (const locale of LOCALES) {
    for (const [key, text] of Object.entries(catalogs[locale])) {
      expect(() => parseMessage(text)).not.toThrow();
      expect(`${locale} ${key}: ${text.trim()}`).not.toMatch(/: $/);
    }
  }
});

test("zh-TW is written in Traditional characters with Taiwanese vocabulary", () => {
  const zh = Object.values(catalogs["zh-TW"]).join("\n");
  // Characters that exist only in Simplified Chinese, and mainland terms Taiwanese readers would not use.
  expect(zh).not.toMatch(/[们这个来时发应设邮网络务认证钥码档请规则为实现错误这样并给让还]/);
  // "網域名稱" (domain name) is Taiwanese usage; only a bare 域名 is the mainland term.
  expect(zh).not.toMatch(/服务器|(?<!網)域名|默认|信息|账户|网络|配置|软件|文件夹/);
  for (const word of ["郵件", "伺服器", "網域", "寄件者", "收件者", "系統管理員", "設定"]) expect(zh).toContain(word);
});

test("t fills placeholders and plurals, and treats < as text", () => {
  expect(t("en-US", "text.checks.lookups", { total: 1, limit: 10 })).toBe("1 DNS lookup (limit 10)");
  expect(t("en-US", "text.checks.lookups", { total: 12, limit: 10 })).toBe("12 DNS lookups (limit 10)");
  expect(t("zh-TW", "text.checks.lookups", { total: 12, limit: 10 })).toBe("12 次 DNS 查詢（上限 10）");
  expect(t("en-US", "step.unknownUser.checkSpelling", { recipient: "<b>x@example.com</b>" })).toBe("Check the spelling of <b>x@example.com</b>.");
  expect(t("zh-TW", "no.such.key")).toBe("no.such.key");
});

test.each([
  ["zh-TW", "zh-TW"],
  ["zh-tw", "zh-TW"],
  ["zh_TW", "zh-TW"],
  ["zh-HK", "zh-TW"],
  ["zh-MO", "zh-TW"],
  ["zh-Hant", "zh-TW"],
  ["zh-Hant-TW", "zh-TW"],
  ["zh-CN", "en-US"],
  ["zh-Hans", "en-US"],
  ["zh", "en-US"],
  ["en-GB", "en-US"],
  ["fr-FR", "en-US"],
  ["", "en-US"],
])("resolveLocale(%p) is %p", (input, expected) => {
  expect(resolveLocale(input)).toBe(expected);
});
