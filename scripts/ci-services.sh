#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432, trust auth, database `test`) and Redis (127.0.0.1:6379)
# answer, installing Debian's packages and starting them where they do not, and that HAProxy is
# installed (only where `haproxy` is missing). Used by .ci/run;
# harmless where both already run.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
updated=""
apt_install() {
  if [ -z "$updated" ]; then
    $SUDO apt-get update
    updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "$@"
}

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! answers 5432; then
  command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  conf="/etc/postgresql/$version/main"
  # Local connections without a password, as on the development machines.
  $SUDO sed -i -E 's/^(local|host)(\s+all\s+all\s+.*)\s(peer|scram-sha-256|md5)$/\1\2 trust/' "$conf/pg_hba.conf"
  # The package may have started it already; the port check below is what counts.
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do answers 5432 && break; sleep 1; done
fi
if command -v psql >/dev/null 2>&1 && ! psql -h 127.0.0.1 -U postgres -d test -c 'select 1' >/dev/null 2>&1; then
  psql -h 127.0.0.1 -U postgres -d postgres -c 'create database test'
fi

if ! answers 6379; then
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 30); do answers 6379 && break; sleep 1; done
fi

# HAProxy: the cluster's load balancer (`pnpm start:cluster` and scripts/test/cluster.integration.test.ts).
command -v haproxy >/dev/null 2>&1 || apt_install haproxy
# Debian's package may start its own daemon on :80; the tests run their own in the foreground.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet haproxy 2>/dev/null; then
  $SUDO systemctl stop haproxy || true
fi

answers 5432 || { echo "PostgreSQL does not answer on 127.0.0.1:5432" >&2; exit 1; }
answers 6379 || { echo "Redis does not answer on 127.0.0.1:6379" >&2; exit 1; }
command -v haproxy >/dev/null 2>&1 || { echo "haproxy is not installed" >&2; exit 1; }
echo "PostgreSQL and Redis answer on 127.0.0.1; $(haproxy -v | head -n 1)"
