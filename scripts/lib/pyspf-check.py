#!/usr/bin/python3
"""check_host() by pyspf, the reference SPF implementation, for the differential run.

Usage: pyspf-check.py HOST PORT < cases.jsonl > results.jsonl

Each input line is {"ip", "sender", "helo"}; each output line is {"result", "reason"}.
DNS goes to the given server only (the loopback test server), never the system's.
Needs Debian's python3-spf and python3-dnspython.
"""
import json
import sys
import warnings

import dns.resolver
import spf

warnings.simplefilter("ignore", DeprecationWarning)  # pyspf calls dns.resolver.query


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [host]
    resolver.port = port
    resolver.search = []
    dns.resolver.default_resolver = resolver
    for line in sys.stdin:
        case = json.loads(line)
        result, reason = spf.check2(i=case["ip"], s=case["sender"], h=case["helo"], timeout=5, querytime=10)
        sys.stdout.write(json.dumps({"result": result, "reason": reason}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
