#!/bin/bash
# Makes test/fixtures/collections/current-mtas: real bounces from current MTAs, with labels
# that come from what our own "remote" server answered (ground truth), not from the parser.
#
#   scripts/make-mta-bounces.sh [MTA ...]     (as root; default: every MTA below;
#                                             WAIT=seconds to wait for each MTA's bounces, 90)
#
# Run by hand, as root, on a disposable Debian 12 machine or container: it apt-get installs
# each MTA in turn (they conflict: installing one removes the last), configures it, starts it
# without systemd, sends the cases of scripts/mta-bounces/mta_bounces.py through its sendmail,
# and collects the bounces it writes to the local mailbox alice@localhost (/var/mail/alice;
# Courier: ~alice/Maildir; nullmailer, which has no local delivery, relays them to the
# scripted server, which keeps them). Only one MTA is installed at a time, and it does not
# listen on any address the scripted server uses.
# Routing: example.net -> 127.0.0.2:25 (the scripted server), refused.example.net -> 127.0.0.3:25
# (nothing listens), nosuchhost.invalid -> the DNS (never resolves, RFC 2606).
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOL="/usr/bin/python3 $ROOT/scripts/mta-bounces/mta_bounces.py"
OUT="$ROOT/test/fixtures/collections/current-mtas"
WAIT=${WAIT:-90} # seconds to wait for an MTA's bounces
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$OUT"

log() { echo "== $*" >&2; }

version_of() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null; }

record_version() { # MTA PACKAGE
  /usr/bin/python3 - "$OUT/versions.json" "$1" "$2 $(version_of "$2")" <<'EOF'
import json, os, sys
path, mta, version = sys.argv[1:]
data = json.load(open(path)) if os.path.exists(path) else {}
data[mta] = version
json.dump(data, open(path, "w"), indent=2, sort_keys=True)
EOF
}

start_remote() {
  if ! ss -ltn | grep -q '127.0.0.2:25 '; then
    setsid $TOOL serve >/tmp/mta-bounces-remote.out 2>&1 &
    REMOTE_PID=$!
    sleep 1
  fi
}

reset_mailbox() {
  id alice >/dev/null 2>&1 || useradd -m alice
  rm -f /var/mail/alice
  touch /var/mail/alice && chown alice:mail /var/mail/alice && chmod 660 /var/mail/alice
}

count_bounces() { local n; n=$(grep -c '^From ' /var/mail/alice 2>/dev/null); echo "${n:-0}"; }

# Waits until the mailbox holds N bounces or WAIT seconds pass; MTA-specific kick runs between polls.
wait_for_bounces() { # N KICK-COMMAND
  local n=$1 kick=$2 i
  for ((i = 0; i < WAIT; i += 3)); do
    [ "$(count_bounces)" -ge "$n" ] && return 0
    eval "$kick" >/dev/null 2>&1
    sleep 3
  done
  log "timed out with $(count_bounces) bounces"
}


run_postfix() {
  apt-get install -y -q postfix >/dev/null
  postfix stop >/dev/null 2>&1
  postconf -e "myhostname = mta.localhost" "mydestination = localhost, mta.localhost" \
    "inet_interfaces = loopback-only" "inet_protocols = ipv4" "relayhost =" \
    "transport_maps = texthash:/etc/postfix/transport" "maximal_queue_lifetime = 0" \
    "bounce_queue_lifetime = 0" "smtp_host_lookup = dns" "smtputf8_enable = yes"
  printf '%s\n' "example.net smtp:[127.0.0.2]:25" "refused.example.net smtp:[127.0.0.3]:25" >/etc/postfix/transport
  postsuper -d ALL >/dev/null 2>&1
  newaliases # another MTA's removal may have taken /etc/aliases.db with it
  postfix start
  $TOOL send postfix
  wait_for_bounces "$1" "postqueue -f"
  postfix stop
  record_version postfix postfix
}

run_exim() {
  apt-get install -y -q exim4-daemon-light >/dev/null
  # Debian's exim4 reads /etc/exim4/exim4.conf before its generated configuration. No retry
  # rules: Exim then treats a temporary failure as permanent, so the 4xx case bounces at once.
  cat >/etc/exim4/exim4.conf <<'CONF'
primary_hostname = mta.localhost
domainlist local_domains = localhost : mta.localhost
qualify_domain = localhost
local_interfaces = 127.0.0.1
daemon_smtp_ports = 25
exim_user = Debian-exim
exim_group = Debian-exim
never_users =
trusted_users = root
spool_directory = /var/spool/exim4
log_file_path = /var/log/exim4/%slog
begin routers
scripted_remote:
  driver = manualroute
  domains = example.net
  transport = remote_smtp
  route_list = * 127.0.0.2
  self = send
refused_remote:
  driver = manualroute
  domains = refused.example.net
  transport = remote_smtp
  route_list = * 127.0.0.3
  self = send
dnslookup:
  driver = dnslookup
  domains = ! +local_domains
  transport = remote_smtp
  no_more
local_user:
  driver = accept
  domains = +local_domains
  check_local_user
  transport = local_delivery
begin transports
remote_smtp:
  driver = smtp
  allow_localhost
local_delivery:
  driver = appendfile
  file = /var/mail/$local_part_data
  delivery_date_add
  envelope_to_add
  return_path_add
  group = mail
  mode = 0660
begin retry
begin rewrite
CONF
  exim4 -bV >/dev/null || log "exim4 rejects the configuration"
  $TOOL send exim
  wait_for_bounces "$1" "exim4 -qff"
  rm -f /etc/exim4/exim4.conf
  record_version exim exim4-daemon-light
}

stop_sendmail() {
  [ -s /run/sendmail/mta/sendmail.pid ] && kill "$(head -1 /run/sendmail/mta/sendmail.pid)" 2>/dev/null
  sleep 1
}

run_sendmail() {
  apt-get install -y -q sendmail-bin sendmail-cf m4 make procmail sensible-mda >/dev/null
  stop_sendmail
  local mc=/etc/mail/sendmail.mc
  cp -n $mc $mc.orig
  # (Debian's local mailer, sensible-mda, delivers with procmail.)
  # The Debian .mc with: a fixed host name, a mailertable for the routing, no queue lifetime
  # (a temporary failure bounces at the next queue run) and no delay warnings.
  sed -e '/^MAILER_DEFINITIONS/,$d' $mc.orig >$mc
  cat >>$mc <<'MC'
define(`confDOMAIN_NAME', `mta.localhost')dnl
LOCAL_DOMAIN(`mta.localhost')dnl
FEATURE(`accept_unresolvable_domains')dnl
FEATURE(`mailertable', `hash -o /etc/mail/mailertable.db')dnl
define(`confTO_QUEUERETURN', `1s')dnl
define(`confTO_QUEUEWARN', `0s')dnl
define(`confTO_INITIAL', `10s')dnl
MAILER_DEFINITIONS
MAILER(`local')dnl
MAILER(`smtp')dnl
MC
  printf '%s\t%s\n' example.net 'esmtp:[127.0.0.2]' refused.example.net 'esmtp:[127.0.0.3]' >/etc/mail/mailertable
  makemap hash /etc/mail/mailertable.db </etc/mail/mailertable
  m4 /usr/share/sendmail/cf/m4/cf.m4 $mc >/etc/mail/sendmail.cf
  # The submission program (submit.cf) qualifies the sender with the same host name.
  cp -n /etc/mail/submit.mc /etc/mail/submit.mc.orig
  sed -e "s/^FEATURE(\`msp'/define(\`confDOMAIN_NAME', \`mta.localhost')dnl\n&/" /etc/mail/submit.mc.orig >/etc/mail/submit.mc
  m4 /usr/share/sendmail/cf/m4/cf.m4 /etc/mail/submit.mc >/etc/mail/submit.cf
  rm -f /var/spool/mqueue/* /var/spool/mqueue-client/*
  /usr/sbin/sendmail-mta -bd -q5s
  $TOOL send sendmail
  wait_for_bounces "$1" "/usr/sbin/sendmail-mta -q"
  stop_sendmail
  record_version sendmail sendmail-bin
}

run_opensmtpd() {
  apt-get install -y -q opensmtpd >/dev/null
  cp -n /etc/smtpd.conf /etc/smtpd.conf.orig
  # A one-second queue lifetime, so that a temporary failure bounces at the next scheduling.
  cat >/etc/smtpd.conf <<'CONF'
table aliases file:/etc/aliases
queue ttl 1s
listen on 127.0.0.1 hostname mta.localhost
action "local" mbox alias <aliases>
action "scripted" relay host smtp://127.0.0.2:25
action "refused" relay host smtp://127.0.0.3:25
action "outbound" relay
match for local action "local"
match from local for domain "example.net" action "scripted"
match from local for domain "refused.example.net" action "refused"
match from local for any action "outbound"
CONF
  smtpd -n || log "smtpd rejects the configuration"
  smtpd
  sleep 2
  $TOOL send opensmtpd
  wait_for_bounces "$1" "smtpctl schedule all"
  pkill -x -o smtpd # the parent, which ends its children
  record_version opensmtpd opensmtpd
}

run_dma() {
  apt-get install -y -q dma >/dev/null
  cp -n /etc/dma/dma.conf /etc/dma/dma.conf.orig
  # dma sends everything to one smarthost and retries a temporary failure for days (a
  # compiled-in limit), so it makes only the cases the scripted server decides at once. It
  # delivers locally only an address without a domain: the sender is plain "alice".
  printf '%s\n' "SMARTHOST 127.0.0.2" "PORT 25" "MAILNAME mta.localhost" >/etc/dma/dma.conf
  MTA_SENDER=alice $TOOL send dma user-unknown mailbox-full spf-ip blocklist spf-5-7-23 dmarc-multiline bad-syntax after-data several-recipients utf8-subject \
    spf-ipv6 reverse-dns relay-denied message-too-big
  wait_for_bounces 16 "dma -q"
  cp /etc/dma/dma.conf.orig /etc/dma/dma.conf
  record_version dma dma
}

run_nullmailer() {
  apt-get install -y -q nullmailer >/dev/null
  # nullmailer has no local delivery: it relays everything, its bounces to alice@localhost
  # too, to its one remote, where the scripted server keeps them (CAPTURE_DIR). A one-second
  # queue lifetime makes the 4xx case bounce at the next try.
  echo "127.0.0.2 smtp --port=25" >/etc/nullmailer/remotes
  echo mta.localhost >/etc/mailname # Debian's nullmailer reads its host name here
  echo localhost >/etc/nullmailer/defaultdomain
  : >/etc/nullmailer/adminaddr
  echo 1 >/etc/nullmailer/queuelifetime
  echo 2 >/etc/nullmailer/pausetime
  rm -rf /tmp/mta-bounces-captured /var/spool/nullmailer/queue/*
  setsid runuser -u mail -- /usr/sbin/nullmailer-send >/tmp/nullmailer-send.log 2>&1 &
  local sender=$!
  $TOOL send nullmailer user-unknown mailbox-full spf-ip blocklist spf-5-7-23 dmarc-multiline bad-syntax \
    expired-4xx after-data several-recipients utf8-subject spf-ipv6 reverse-dns relay-denied message-too-big
  for ((i = 0; i < WAIT; i += 3)); do
    [ "$(ls /tmp/mta-bounces-captured 2>/dev/null | wc -l)" -ge 15 ] && break
    sleep 3
  done
  kill "$sender" 2>/dev/null
  record_version nullmailer nullmailer
  MAILBOX=/tmp/mta-bounces-captured
}

run_courier() {
  apt-get install -y -q courier-mta >/dev/null
  # Courier delivers to ~/Maildir (DEFAULTDELIVERY in /etc/courier/courierd); routes per
  # domain in esmtproutes; gives up on a queued message after queuetime, checked at the
  # retries (retryalpha, retrybeta, retrygamma: every ten seconds here).
  echo mta.localhost >/etc/courier/me
  echo localhost >/etc/courier/defaultdomain
  printf '%s\n' localhost mta.localhost >/etc/courier/locals
  printf '%s\n' "example.net: [127.0.0.2]" "refused.example.net: [127.0.0.3]" >/etc/courier/esmtproutes
  echo 20s >/etc/courier/queuetime
  echo 10s >/etc/courier/retryalpha && echo 1 >/etc/courier/retrybeta && echo 10s >/etc/courier/retrygamma
  rm -rf ~alice/Maildir
  runuser -u alice -- maildirmake ~alice/Maildir
  /usr/sbin/authdaemond start 2>/dev/null
  /usr/sbin/courier start
  sleep 2
  $TOOL send courier
  WAIT=${COURIER_WAIT:-150} wait_for_maildir "$1"
  /usr/sbin/courier stop
  /usr/sbin/authdaemond stop 2>/dev/null
  record_version courier courier-mta
  mkdir -p /tmp/mta-bounces-courier && rm -f /tmp/mta-bounces-courier/*
  cp ~alice/Maildir/new/* ~alice/Maildir/cur/* /tmp/mta-bounces-courier/ 2>/dev/null
  MAILBOX=/tmp/mta-bounces-courier
}

wait_for_maildir() { # N
  local i
  for ((i = 0; i < WAIT; i += 3)); do
    [ "$(ls ~alice/Maildir/new ~alice/Maildir/cur | grep -vc ':$')" -ge "$1" ] && return 0
    sleep 3
  done
}

run_one() { # MTA
  local mta=$1 expect
  log "$mta"
  reset_mailbox
  rm -f "$OUT/$mta"-*.eml
  expect=${EXPECT:-18}
  MAILBOX=/var/mail/alice
  "run_$mta" "$expect"
  $TOOL collect "$mta" "$MAILBOX" "$OUT"
}

start_remote
for mta in "${@:-postfix exim sendmail opensmtpd dma nullmailer courier}"; do
  for m in $mta; do run_one "$m"; done
done
$TOOL label "$OUT"
[ -n "${REMOTE_PID:-}" ] && kill "$REMOTE_PID"
