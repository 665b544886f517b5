/**
 * Builds an Exchange Online NDR the way Microsoft 365 writes it, with the prose in
 * the sender's language and the stable parts (status code, "Remote Server
 * returned", the DSN part) untouched, for the exchange-online tests.
 */
export interface NdrProse {
  language: string;
  subjectPrefix: string;
  headline: string; // "Your message to {to} couldn't be delivered."
  adminHeading: string; // "Diagnostic information for administrators:"
  generatingServer: string; // "Generating server:"
  originalHeaders: string; // "Original message headers:"
}

export const PROSE: Record<string, NdrProse> = {
  "zh-TW": {
    language: "zh-TW",
    subjectPrefix: "無法傳遞:",
    headline: "您傳送給 {to} 的郵件無法傳遞。",
    adminHeading: "系統管理員的診斷資訊:",
    generatingServer: "產生伺服器:",
    originalHeaders: "原始郵件標頭:",
  },
  ja: {
    language: "ja-JP",
    subjectPrefix: "配信不能:",
    headline: "{to} へのメッセージを配信できませんでした。",
    adminHeading: "管理者向けの診断情報:",
    generatingServer: "生成サーバー:",
    originalHeaders: "元のメッセージ ヘッダー:",
  },
  de: {
    language: "de-DE",
    subjectPrefix: "Unzustellbar:",
    headline: "Ihre Nachricht an {to} konnte nicht zugestellt werden.",
    adminHeading: "Diagnoseinformationen für Administratoren:",
    generatingServer: "Generierender Server:",
    originalHeaders: "Ursprüngliche Nachrichtenkopfzeilen:",
  },
  fr: {
    language: "fr-FR",
    subjectPrefix: "Non remis :",
    headline: "Votre message à {to} n’a pas pu être remis.",
    adminHeading: "Informations de diagnostic pour les administrateurs :",
    generatingServer: "Serveur de génération :",
    originalHeaders: "En-têtes de message d’origine :",
  },
};

export interface NdrFacts {
  to: string;
  from: string;
  remoteHost: string;
  reply: string; // "550 5.7.23 ..."
  generatingServer: string;
  withDsn: boolean;
}

function base64Utf8(text: string): string {
  return Buffer.from(text, "utf8").toString("base64").replace(/.{76}/g, "$&\r\n");
}

export function localizedNdr(prose: NdrProse, facts: NdrFacts): string {
  const status = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(facts.reply)?.[1] ?? "5.0.0";
  const body = [
    prose.headline.replace("{to}", facts.to),
    "",
    prose.adminHeading,
    "",
    `${prose.generatingServer} ${facts.generatingServer}`,
    "",
    facts.to,
    facts.remoteHost,
    `Remote Server returned '${facts.reply}'`,
    "",
    prose.originalHeaders,
    "",
    `Received: from mail.sender.example (203.0.113.9) by ${facts.generatingServer}`,
    `From: ${facts.from}`,
    `To: ${facts.to}`,
    "Subject: Quarterly report",
    "",
  ].join("\r\n");
  const parts = [
    "--NDR",
    'Content-Type: text/plain; charset="utf-8"',
    "Content-Transfer-Encoding: base64",
    "",
    base64Utf8(body),
  ];
  if (facts.withDsn) {
    parts.push(
      "--NDR",
      "Content-Type: message/delivery-status",
      "",
      `Reporting-MTA: dns;${facts.generatingServer}`,
      "",
      `Final-Recipient: rfc822;${facts.to}`,
      "Action: failed",
      `Status: ${status}`,
      `Diagnostic-Code: smtp;${facts.reply}`,
      `Remote-MTA: dns;${facts.remoteHost}`,
      "",
    );
  }
  parts.push(
    "--NDR",
    "Content-Type: text/rfc822-headers",
    "",
    `From: ${facts.from}`,
    `To: ${facts.to}`,
    "Subject: Quarterly report",
    "Message-ID: <quarterly@sender.example>",
    "",
    "--NDR--",
    "",
  );
  return [
    `From: postmaster@sender.example`,
    `To: ${facts.from}`,
    `Subject: =?utf-8?B?${Buffer.from(`${prose.subjectPrefix} Quarterly report`, "utf8").toString("base64")}?=`,
    `Message-ID: <ndr-1@${facts.generatingServer}>`,
    "Date: Fri, 27 Nov 2026 10:00:00 +0000",
    `Content-Language: ${prose.language}`,
    "X-MS-Exchange-Message-Is-Ndr:",
    "X-MS-Exchange-CrossTenant-OriginalArrivalTime: 27 Nov 2026 10:00:00.0000 (UTC)",
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="NDR"',
    "",
    ...parts,
  ].join("\r\n");
}
