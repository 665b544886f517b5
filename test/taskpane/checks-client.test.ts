/** The pane's backend client against a real HTTP server on loopback. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { CheckError, checkQueryFor, fetchChecks } from "../../src/taskpane/checks-client";
import { CHECKS_SCHEMA } from "../../src/spf/types";
import type { Bounce } from "../../src/ndr/bounce";

type Handler = (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void;

let server: http.Server;
let baseUrl: string;
let handler: Handler;
const open = new Set<http.ServerResponse>();

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      open.add(response);
      response.on("close", () => open.delete(response));
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const checks = { schema: CHECKS_SCHEMA, spf: { error: "x" }, dmarc: { error: "y" } };

test("posts only the check contract's fields to <base>/check and returns the checks", async () => {
  let seen: { method?: string; url?: string; type?: string; body?: unknown } = {};
  handler = (request, body, response) => {
    seen = { method: request.method, url: request.url, type: request.headers["content-type"], body: JSON.parse(body) };
    response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(checks));
  };
  const query = { domain: "example.com", ip: "192.0.2.1", sender: "a@example.com", subject: "Salary review" };
  const result = await fetchChecks(query, { baseUrl });
  expect(result).toEqual(checks);
  expect(seen).toEqual({ method: "POST", url: "/api/check", type: "application/json", body: { domain: "example.com", ip: "192.0.2.1", sender: "a@example.com" } });
});

test("the query for a bounce carries the sender's domain, the sending IP and the sender, nothing else", () => {
  const bounce: Bounce = {
    isBounce: true,
    kind: "bounce",
    format: "postfix",
    reportingMta: "mx.example.com",
    arrivalDate: null,
    originalSender: "sam@example.com",
    senderDomain: "example.com",
    sendingIp: "192.0.2.17",
    originalMessageId: "<secret@example.com>",
    originalSubject: "Salary review",
    recipients: [{ address: "kim@example.net", domain: "example.net", action: "failed", status: "5.1.1", replyCode: 550, diagnostic: "no such user", remoteMta: "mx.example.net" }],
  };
  expect(checkQueryFor(bounce)).toEqual({ domain: "example.com", ip: "192.0.2.17", sender: "sam@example.com" });
  expect(checkQueryFor({ ...bounce, senderDomain: null })).toEqual({ domain: "example.com", ip: "192.0.2.17", sender: "sam@example.com" });
  expect(checkQueryFor({ ...bounce, senderDomain: null, originalSender: null })).toBeNull();
  expect(checkQueryFor({ ...bounce, sendingIp: null, originalSender: null })).toEqual({ domain: "example.com" });
});

test("a backend that does not answer in time is a timeout", async () => {
  handler = () => {};
  await expect(fetchChecks({ domain: "example.com" }, { baseUrl, timeoutMs: 150 })).rejects.toMatchObject({ name: "CheckError", failure: "timeout" });
  for (const response of open) response.destroy();
});

test("an error status, a body that is not JSON and JSON that is not checks are each told apart", async () => {
  handler = (_request, _body, response) => response.writeHead(503).end("busy");
  await expect(fetchChecks({ domain: "example.com" }, { baseUrl })).rejects.toMatchObject({ failure: "http", message: "HTTP 503" });
  handler = (_request, _body, response) => response.writeHead(200, { "Content-Type": "application/json" }).end("<html>");
  await expect(fetchChecks({ domain: "example.com" }, { baseUrl })).rejects.toMatchObject({ failure: "bad-response" });
  handler = (_request, _body, response) => response.writeHead(200, { "Content-Type": "application/json" }).end('{"spf":{}}');
  await expect(fetchChecks({ domain: "example.com" }, { baseUrl })).rejects.toMatchObject({ failure: "bad-response" });
});

test("a backend that cannot be reached is unreachable", async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const error = await fetchChecks({ domain: "example.com" }, { baseUrl: `http://127.0.0.1:${port}/api` }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CheckError);
  expect((error as CheckError).failure).toBe("unreachable");
});

test("controls in the backend's answer are removed where it enters the pane", async () => {
  const hostile = {
    schema: CHECKS_SCHEMA,
    spf: { domain: "example.com", record: "v=spf1 \u001b[31mred\u202e -all\u0085", problems: [{ code: "x", message: "line\u2066one\u0007" }] },
    dmarc: { error: "timeout\u009b2J\nafter 8 s" },
  };
  handler = (_request, _body, response) => void response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(hostile));
  const result = await fetchChecks({ domain: "example.com" }, { baseUrl });
  expect(result).toEqual({
    schema: CHECKS_SCHEMA,
    spf: { domain: "example.com", record: "v=spf1 [31mred -all", problems: [{ code: "x", message: "lineone" }] },
    dmarc: { error: "timeout2J\nafter 8 s" },
  });
});
