#!/usr/bin/env bash
# `make demo`: the deployment guide, phase by phase, on the bundled example site (examples/hollow),
# against `implanta local` standing in for Heroku. Run by the Makefile after it installed what is missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMPLANTA=("$ROOT/dist/main.cjs")   # the command itself, as `implanta` runs (its #! line holds its Node flags)
PYTHON=/usr/bin/python3   # Debian's Python, which has Django, gunicorn and psycopg2
POSTGRES=postgres://implanta:implanta@127.0.0.1:5432/postgres
WORK=$(mktemp -d /tmp/implanta-demo.XXXXXX)
PIDS=()

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
note() { printf '   %s\n' "$*"; }
implanta() { echo "\$ implanta $*"; "${IMPLANTA[@]}" "$@"; }
stop_all() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap 'stop_all' INT TERM

step "1. Django deployment checklist + Heroku codebase rules, with production's environment (exit 0: clean)"
implanta check "$ROOT/examples/hollow" --env-file "$ROOT/examples/hollow/production.env"

step "2. The same project evaluated with a developer's defaults (no environment): what would ship"
implanta check "$ROOT/examples/hollow" || note "(exit $?: findings at or above --fail-level)"

step "3. implanta local: a Heroku-compatible platform on 127.0.0.1"
"${IMPLANTA[@]}" local --port 0 --data "$WORK/platform" --postgres "$POSTGRES" --python "$PYTHON" >"$WORK/local.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do grep -q 'Platform API at' "$WORK/local.log" 2>/dev/null && break; sleep 0.2; done
API=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/local.log" | head -1)
export IMPLANTA_API_URL=$API HEROKU_API_KEY=demo-token
head -3 "$WORK/local.log"

# The team's custom maintenance and error pages, served over real TLS from a throwaway CA.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=implanta demo CA" -keyout "$WORK/ca.key" -out "$WORK/ca.pem" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$WORK/pages.key" -out "$WORK/pages.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$WORK/pages.ext"
openssl x509 -req -in "$WORK/pages.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -days 1 \
  -out "$WORK/pages.pem" -extfile "$WORK/pages.ext" 2>/dev/null
node "$ROOT/scripts/demo-pages.mjs" "$WORK/pages.pem" "$WORK/pages.key" "$WORK/pages.port" &
PIDS+=($!)
for _ in $(seq 1 50); do [ -s "$WORK/pages.port" ] && break; sleep 0.1; done
export NODE_EXTRA_CA_CERTS=$WORK/ca.pem
PAGES=https://127.0.0.1:$(cat "$WORK/pages.port")

step "4. Two apps: hollow (set up as the guide asks) and hollow-2020 (as the guide's era left it)"
node --import tsx "$ROOT/scripts/demo-apps.ts" "$API" "$WORK/platform" "$PAGES"

# The team's repository: the site on a `production` branch.
cp -r "$ROOT/examples/hollow" "$WORK/hollow"
rm -f "$WORK/hollow/production.env"
cd "$WORK/hollow"
git init -q -b production
git -c user.name=Demo -c user.email=demo@hollow.example add -A
git -c user.name=Demo -c user.email=demo@hollow.example commit -qm "Hollow website"
export GIT_AUTHOR_NAME=Demo GIT_AUTHOR_EMAIL=demo@hollow.example GIT_COMMITTER_NAME=Demo GIT_COMMITTER_EMAIL=demo@hollow.example

step "5. hollow-2020 was deployed the 2020 way: a plain git push, no tests, no checks"
printf '#!/bin/sh\ncase "$1" in Username*) echo git;; *) echo "$HEROKU_API_KEY";; esac\n' >"$WORK/askpass"
chmod +x "$WORK/askpass"
GIT_ASKPASS="$WORK/askpass" git push -q "$API/git/hollow-2020.git" production:master 2>&1 | tail -3
implanta scale -a hollow-2020 web=1:hobby

step "6. Release phase: measure the app under load and say which dynos to buy"
implanta size "$ROOT/examples/hollow" --env-file "$ROOT/examples/hollow/production.env" --python "$PYTHON" \
  --step-seconds 1 --max-workers 2 --plan "$WORK/release-plan.md" 2>/dev/null

step "7. Installation and activation: test the production branch, then deploy it"
DATABASE_URL_TEST="postgres://implanta:implanta@127.0.0.1:5432/postgres"
implanta test --python "$PYTHON" --env SECRET_KEY=test-only-key --env DATABASE_URL="$DATABASE_URL_TEST"
implanta deploy -a hollow
implanta scale -a hollow web=2:standard-2x
URL=$(curl -s -H "Authorization: Bearer $HEROKU_API_KEY" -H 'Accept: application/vnd.heroku+json; version=3' "$API/apps/hollow" | sed -E 's/.*"web_url":"([^"]*)".*/\1/')

step "8. The production check of both apps"
implanta check -a hollow || note "(exit $?)"
implanta check -a hollow-2020 || note "(exit $?: as the guide's era left it)"

step "9. A commit that passes its tests but not production: it answers 500 and is rolled back by itself"
# Production has a notice with a non-ASCII title (the tests' notices are ASCII); the commit breaks on it.
DATABASE_URL_PROD=$(curl -s -H "Authorization: Bearer $HEROKU_API_KEY" -H 'Accept: application/vnd.heroku+json; version=3' "$API/apps/hollow/config-vars" \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).DATABASE_URL))')
psql -q "$DATABASE_URL_PROD" -c "INSERT INTO pages_notice (title, body, published) VALUES ('Manutenção programada', 'Sábado, das 2h às 4h.', now() - interval '1 day')"
python3 - <<'PY'
import re
path = "pages/views.py"
source = open(path).read()
source = source.replace(
    '    return render(request, "pages/home.html", {"notices": Notice.objects.visible()})',
    '    notices = Notice.objects.visible()\n'
    '    anchors = {n.pk: n.title.lower().replace(" ", "-").encode("ascii").decode() for n in notices}\n'
    '    return render(request, "pages/home.html", {"notices": notices, "anchors": anchors})',
)
open(path, "w").write(source)
PY
git commit -qam "Anchor links for notices"
implanta test --python "$PYTHON" --env SECRET_KEY=test-only-key --env DATABASE_URL="$DATABASE_URL_TEST"
implanta deploy -a hollow || note "(exit $?: the new release failed its smoke test and was rolled back)"
implanta releases -a hollow

step "Done"
note "hollow serves the last good release at $URL (try ${URL}health)"
note "implanta local keeps running (pid ${PIDS[0]}) with its state in $WORK; stop it with: kill ${PIDS[*]}"
