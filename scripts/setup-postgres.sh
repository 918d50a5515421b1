#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 cluster with SSL on (Heroku Postgres requires SSL, and the example
# site's settings insist on it) and makes the superuser role the tests and the demo use.
# Idempotent: safe to run before every `make test` / `make demo`.
set -euo pipefail

ROLE=implanta
PASSWORD=implanta

if [ ! -f /etc/ssl/private/ssl-cert-snakeoil.key ]; then
  make-ssl-cert generate-default-snakeoil --force-overwrite
fi
if [ "$(pg_conftool -s 15 main show ssl 2>/dev/null || true)" != "on" ]; then
  pg_conftool 15 main set ssl on
  pg_ctlcluster 15 main stop 2>/dev/null || true
fi
pg_ctlcluster 15 main start 2>/dev/null || true
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 0.2
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN SUPERUSER PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
echo "PostgreSQL ready: postgres://$ROLE:$PASSWORD@127.0.0.1:5432/postgres (ssl on)"
