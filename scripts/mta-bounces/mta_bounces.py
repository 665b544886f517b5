#!/usr/bin/python3
"""Bounces from real MTAs, with known ground truth (stdlib only; driven by scripts/make-mta-bounces.sh).

  serve                 the "remote" receiving server: SMTP on 127.0.0.2:25, answering each RCPT and
                        DATA with the reply scripted for the recipient's local part (REPLIES below)
  send MTA              submits every case of CASES through the MTA's /usr/sbin/sendmail
  collect MTA MBOX OUT  splits the sender's mbox into OUT/<mta>-<case>.eml, one file per bounce
  label OUT             writes OUT/expected.json from CASES and REPLIES: what the remote answered,
                        never what the parser reads

A bounce is matched to its case by the Message-ID of the returned original, which names the case.
"""
import email.utils
import json
import mailbox
import os
import re
import socketserver
import subprocess
import sys
import time

SENDER = os.environ.get("MTA_SENDER", "alice@localhost")
REMOTE = "example.net"  # routed by every MTA to 127.0.0.2:25, the server below
REFUSED = "refused.example.net"  # routed to 127.0.0.3:25, where nothing listens
NXDOMAIN = "nosuchhost.invalid"  # looked up in the DNS: RFC 2606 reserves .invalid, so it never resolves

# Reply to RCPT by local part (trailing digits ignored, so one message can hold several alike).
# "content" is accepted at RCPT and refused after DATA; "ok" is accepted and delivered.
REPLIES = {
    "unknown": "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table",
    "full": "552 5.2.2 <{rcpt}>: Mailbox full, quota exceeded",
    "spf": "550 5.7.1 SPF: 192.0.2.7 is not allowed to send mail from example.org",
    "blocked": "554 5.7.1 Service unavailable; Client host [198.51.100.9] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.9",
    "spfhard": "550 5.7.23 Message rejected due to Sender Policy Framework violation: SPF fail from 203.0.113.7 (client-ip=203.0.113.7)",
    "dmarc": "550-5.7.26 Unauthenticated email from example.org is not accepted due to\r\n550-5.7.26 domain's DMARC policy. Please contact the administrator of example.org\r\n550 5.7.26 domain if this was a legitimate mail, with ip: [203.0.113.8]",
    "syntax": "553 5.1.3 <{rcpt}>: Bad recipient address syntax",
    "spfsix": "550 5.7.1 SPF: 2001:db8:7::25 is not allowed to send mail from example.org",
    "rdns": "550 5.7.1 Client host rejected: cannot find your reverse hostname, [198.51.100.23]",
    "relay": "554 5.7.1 <{rcpt}>: Relay access denied",
    "tempfail": "451 4.3.0 <{rcpt}>: Temporary lookup failure, try again later",
    "content": "250 2.1.5 Ok",
    "big": "250 2.1.5 Ok",
    "ok": "250 2.1.5 Ok",
}
# The sending IP each reply names (issue 12's wordings): the IP the remote says it saw.
SENDING_IPS = {"spf": "192.0.2.7", "blocked": "198.51.100.9", "spfhard": "203.0.113.7", "dmarc": "203.0.113.8", "spfsix": "2001:db8:7::25", "rdns": "198.51.100.23"}
# Replies to the end of DATA by local part: the message is refused after it was sent.
DATA_REPLIES = {
    "content": "554 5.6.0 Message content rejected: malformed MIME structure",
    "big": "552 5.3.4 Message size exceeds fixed maximum message size",
}

# Case name -> (recipients, subject). The subject of utf8-subject is raw 8-bit UTF-8.
CASES = {
    "user-unknown": (["unknown@" + REMOTE], "Quarterly figures"),
    "mailbox-full": (["full@" + REMOTE], "Photos from the trip"),
    "spf-ip": (["spf@" + REMOTE], "Invoice 2231"),
    "blocklist": (["blocked@" + REMOTE], "Meeting notes"),
    "spf-5-7-23": (["spfhard@" + REMOTE], "Contract draft"),
    "dmarc-multiline": (["dmarc@" + REMOTE], "Newsletter December"),
    "bad-syntax": (["syntax@" + REMOTE], "Hello"),
    "expired-4xx": (["tempfail@" + REMOTE], "Weekly report"),
    "after-data": (["content@" + REMOTE], "Attachment"),
    "host-not-found": (["someone@" + NXDOMAIN], "Lunch"),
    "connection-refused": (["someone@" + REFUSED], "Tickets"),
    "several-recipients": (["unknown2@" + REMOTE, "full2@" + REMOTE, "blocked2@" + REMOTE, "ok@" + REMOTE], "Team update"),
    "utf8-subject": (["unknown3@" + REMOTE], "Résumé – 請查收 – Привет"),
    "spf-ipv6": (["spfsix@" + REMOTE], "Order confirmation"),
    "reverse-dns": (["rdns@" + REMOTE], "Agenda"),
    "relay-denied": (["relay@" + REMOTE], "Question"),
    "message-too-big": (["big@" + REMOTE], "Scans"),
    # Delivered, with NOTIFY=SUCCESS: the MTA's success report is not a bounce.
    "delivered-dsn": (["ok@" + REMOTE], "Signed copy"),
}
NOT_BOUNCES = {"delivered-dsn"}
# Exim's sendmail -N means "do not deliver" (a debugging option), dma has no DSN options and
# OpenSMTPD 6.8 answers NOTIFY=SUCCESS with "503 Unsupported option".
NO_NOTIFY_OPTION = {"exim", "dma", "opensmtpd"}

# Cases whose failure is decided by the sending MTA (no remote reply): the status it picks is its
# own and is not labelled (the collection format omits a status none stated).
LOCAL_FAILURES = {"host-not-found", "connection-refused"}


def local_part(address):
    return re.sub(r"\d+$", "", address.split("@")[0])


def reply_for(address):
    return REPLIES.get(local_part(address), "550 5.1.1 <{rcpt}>: User unknown").format(rcpt=address)


def enhanced(reply):
    match = re.match(r"\d{3}[ -](\d\.\d{1,3}\.\d{1,3})", reply)
    return match.group(1) if match else None


# MTAs that give up on the whole message at the first refused RCPT (the remote log shows QUIT
# after it): every recipient fails, and only the first was answered by the remote.
ALL_OR_NOTHING = {"nullmailer"}


def expected_failures(case, mta=None):
    """The recipients that fail, each with the enhanced status the remote gave (None: no remote reply)."""
    recipients, _ = CASES[case]
    if mta in ALL_OR_NOTHING and len(recipients) > 1:
        first = recipients[0]
        return [(rcpt, enhanced(reply_for(rcpt)) if rcpt == first else None) for rcpt in recipients]
    failures = []
    for rcpt in recipients:
        if case in LOCAL_FAILURES:
            failures.append((rcpt, None))
            continue
        name = local_part(rcpt)
        if name == "ok":
            continue
        failures.append((rcpt, enhanced(DATA_REPLIES.get(name) or reply_for(rcpt))))
    return failures


class Session(socketserver.StreamRequestHandler):
    def reply(self, text):
        self.wfile.write((text + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.reply("220 mx.example.net ESMTP ready")
        rcpts = []
        log = open(os.environ.get("REMOTE_LOG", "/tmp/mta-bounces-remote.log"), "a")
        while True:
            line = self.rfile.readline(4096)
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            log.write("<<< " + command + "\n")
            verb = command[:4].upper()
            if verb in ("EHLO",):
                self.reply("250-mx.example.net\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250 SMTPUTF8")
            elif verb == "HELO":
                self.reply("250 mx.example.net")
            elif verb == "MAIL":
                rcpts = []
                self.reply("250 2.1.0 Ok")
            elif verb == "RCPT":
                match = re.search(r"<([^>]*)>", command)
                rcpt = match.group(1) if match else ""
                # An MTA without local delivery (nullmailer) relays the bounce to the sender here too.
                answer = "250 2.1.5 Ok" if local_part(rcpt) == "alice" else reply_for(rcpt)
                if answer.startswith("250"):
                    rcpts.append(rcpt)
                log.write(">>> " + answer + "\n")
                self.reply(answer)
            elif verb == "DATA":
                if not rcpts:
                    self.reply("554 5.5.1 Error: no valid recipients")
                    continue
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while True:
                    data = self.rfile.readline(1 << 20)
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    lines.append(data[1:] if data.startswith(b"..") else data)
                if any(local_part(r) == "alice" for r in rcpts):
                    capture(b"".join(lines))
                refusals = [DATA_REPLIES[local_part(r)] for r in rcpts if local_part(r) in DATA_REPLIES]
                answer = refusals[0] if refusals else "250 2.0.0 Ok: queued as 4F2A1B"
                log.write(">>> " + answer + "\n")
                self.reply(answer)
            elif verb == "RSET":
                rcpts = []
                self.reply("250 2.0.0 Ok")
            elif verb == "NOOP":
                self.reply("250 2.0.0 Ok")
            elif verb == "QUIT":
                self.reply("221 2.0.0 Bye")
                return
            else:
                self.reply("502 5.5.2 Error: command not recognized")
            log.flush()


CAPTURED = os.environ.get("CAPTURE_DIR", "/tmp/mta-bounces-captured")


def capture(message_bytes):
    os.makedirs(CAPTURED, exist_ok=True)
    with open(os.path.join(CAPTURED, f"{time.time():.6f}.eml"), "wb") as f:
        f.write(message_bytes.replace(b"\r\n", b"\n"))


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True


def serve():
    with Server(("127.0.0.2", 25), Session) as server:
        server.serve_forever()


def message(mta, case):
    recipients, subject = CASES[case]
    return (
        f"From: Alice Example <{SENDER}>\r\n"
        f"To: {', '.join(recipients)}\r\n"
        f"Subject: {subject}\r\n"
        f"Date: {email.utils.formatdate(localtime=False)}\r\n"
        f"Message-ID: <case-{case}.{mta}.{int(time.time())}@localhost>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
        "\r\n"
        f"Hello,\r\n\r\nthis is the {case} test message, sent through {mta}. Grüße, 謝謝.\r\n"
    ).encode("utf-8")


def send(mta, only=None):
    children = []
    for case in CASES:
        if only and case not in only:
            continue
        if case == "delivered-dsn" and mta in NO_NOTIFY_OPTION:
            continue
        recipients, _ = CASES[case]
        # Submitted side by side: Sendmail's submission program lingers a minute after its QUIT here.
        notify = ["-N", "success"] if case == "delivered-dsn" else []
        child = subprocess.Popen(["/usr/sbin/sendmail", "-f", SENDER, "-i", *notify, *recipients], stdin=subprocess.PIPE)
        child.stdin.write(message(mta, case).replace(b"\r\n", b"\n"))
        child.stdin.close()
        children.append(child)
        time.sleep(1)
    for child in children:
        try:
            child.wait(timeout=120)
        except subprocess.TimeoutExpired:
            child.kill()


def collect(mta, mbox_path, out):
    seen = {}
    written = []
    if os.path.isdir(mbox_path):  # the bounces the scripted server received for alice
        raws = [open(os.path.join(mbox_path, name), "rb").read() for name in sorted(os.listdir(mbox_path))]
    else:
        box = mailbox.mbox(mbox_path, create=False)
        raws = [box.get_bytes(key) for key in box.keys()]
    for raw in raws:
        match = re.search(rb"case-([a-z0-9-]+)\." + re.escape(mta.encode()) + rb"\.\d+@", raw)
        if not match:
            print(f"  {mta}: a message in {mbox_path} names no case; skipped", file=sys.stderr)
            continue
        case = match.group(1).decode()
        seen[case] = seen.get(case, 0) + 1
        name = f"{mta}-{case}.eml" if seen[case] == 1 else f"{mta}-{case}-{seen[case]}.eml"
        with open(os.path.join(out, name), "wb") as f:
            f.write(raw)
        written.append(name)
    missing = [case for case in CASES if case not in seen]
    print(f"  {mta}: {len(written)} bounces; no bounce for {', '.join(missing) or 'none'}")


def label(out):
    versions = {}
    versions_path = os.path.join(out, "versions.json")
    if os.path.exists(versions_path):
        versions = json.load(open(versions_path))
    messages = {}
    for name in sorted(os.listdir(out)):
        if not name.endswith(".eml"):
            continue
        mta, rest = name[: -len(".eml")].split("-", 1)
        case = next(c for c in CASES if rest == c or re.fullmatch(re.escape(c) + r"-\d+", rest))
        split = rest != case or seen_split(out, mta, case)
        raw = open(os.path.join(out, name), "rb").read()
        text = raw.decode("utf-8", "replace")
        recipients = []
        for rcpt, status in expected_failures(case, mta):
            # A bounce split per recipient names only its own: keep the recipients the bounce names.
            if split and rcpt.lower() not in named_outside_headers(text):
                continue
            entry = {"address": rcpt}
            # The status is the remote's own; labelled where the bounce passes it on (an MTA that
            # drops the reply leaves nothing to read), and never for a failure the MTA decided itself.
            if status is not None and status in text:
                entry["status"] = status
            recipients.append(entry)
        if case in NOT_BOUNCES:
            messages[name] = {"isBounce": False, "sendingIp": None}
            continue
        answered = [r for r in recipients if "status" in r or mta not in ALL_OR_NOTHING]
        ips = {SENDING_IPS[local_part(r["address"])] for r in answered if local_part(r["address"]) in SENDING_IPS}
        messages[name] = {"isBounce": True, "recipients": recipients, "sendingIp": ips.pop() if len(ips) == 1 else None}
    doc = {
        "collection": "current-mtas",
        "source": "bounces written by current MTAs from Debian 12 on loopback, made by scripts/make-mta-bounces.sh: "
        + ", ".join(v for _, v in sorted(versions.items())),
        "licence": "the repository's own (see README)",
        "labelled_by": "scripts/mta-bounces/mta_bounces.py label: the recipients each case sent to and the enhanced status the scripted remote server answered (ground truth), not the parser's output",
        "messages": messages,
    }
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")


def named_outside_headers(text):
    """The bounce's text without its To/Cc lines, where the returned headers list every recipient."""
    return re.sub(r"(?im)^(?:to|cc):.*(?:\r?\n[ \t].*)*", "", text).lower()


def seen_split(out, mta, case):
    return os.path.exists(os.path.join(out, f"{mta}-{case}-2.eml"))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "serve":
        serve()
    elif command == "send":
        send(args[0], set(args[1:]) or None)
    elif command == "collect":
        collect(*args)
    elif command == "label":
        label(args[0])
    else:
        sys.exit(__doc__)
