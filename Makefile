# Two commands on a fresh Debian machine: `make demo` and `make test`. Each installs what is missing.
SHELL := /bin/bash
DEBIAN_PACKAGES := python3-django gunicorn python3-psycopg2 python3-whitenoise python3-dj-database-url \
	python3-django-environ python3-decouple python3-dotenv postgresql ssl-cert git chromium
# The test runner's files: every *.test.ts under test/, in a stable order.
TEST_FILES = $(shell find test -name '*.test.ts' | sort)

# On the oldest supported Node line (22): the CLI's every command, check against implanta local, one deploy.
NODE_SMOKE_FILES = test/cli/usage.test.ts test/cli/check-app.test.ts test/deploy/e2e.test.ts
# The Node that runs all of implanta (22.13+): the machine's own when it is new enough, else Node 24
# fetched by scripts/node.sh (docs/node.md). Its folder goes first on PATH for the demo and the benches.
WITH_NODE = PATH="$$(dirname "$$(scripts/node.sh auto --path)"):$$PATH"

.PHONY: demo test deps debian node-deps node-lines build postgres bench hollow-env

demo: deps build postgres hollow-env
	@$(WITH_NODE) bash scripts/demo.sh

# The whole suite on the newest LTS (24), then the smoke subset on 22; the packed-install test inside the
# suite installs the tarball on every line in scripts/node-versions. The Node builds are pinned there and
# fetched once into ~/.cache/implanta/node.
# The tests run with a TMPDIR of their own, removed afterwards, so no run leaves folders behind in /tmp.
# One file at a time: several files start real platforms, gunicorn dynos and databases, and running two
# of them at once on a 2-core machine made their timing-sensitive steps flaky.
# A time limit on each run: a test stuck in a blocking call (a read of a FIFO nobody writes) is beyond
# the runner's own --test-timeout, and once held CI until its 90 minutes ran out. Interrupted (SIGINT),
# the runner names the file it was in. The suite takes ~15 minutes here; the limits leave three times that.
test: deps build postgres hollow-env node-lines
	@tmp=$$(mktemp -d /tmp/implanta-tests.XXXXXX); \
	echo "== the whole suite on Node $$(scripts/node.sh 24 --version)"; \
	TMPDIR=$$tmp timeout --signal=INT --kill-after=60 2700 scripts/node.sh 24 --import tsx --test --test-concurrency=1 $(TEST_FILES); suite=$$?; \
	echo "== the smoke subset on Node $$(scripts/node.sh 22 --version)"; \
	TMPDIR=$$tmp timeout --signal=INT --kill-after=60 900 scripts/node.sh 22 --import tsx --test --test-concurrency=1 $(NODE_SMOKE_FILES); smoke=$$?; \
	rm -rf $$tmp; [ $$suite = 0 ] && [ $$smoke = 0 ]

bench: deps build postgres hollow-env
	@$(WITH_NODE) npm run bench

# Every Node line the tests run on, fetched now so no test pays for a download.
node-lines:
	@for line in $$(awk '!/^#/ && NF { print $$1 }' scripts/node-versions); do scripts/node.sh $$line --path >/dev/null; done

deps: debian node-deps

# apt only when something is missing, so a warm machine does not pay for `apt-get update`.
debian:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq $$missing >/dev/null; \
	fi

node-deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	$(WITH_NODE) npm ci --no-audit --no-fund
	@touch $@

# Type-check everything, then bundle the CLI: one file per command loads far faster than hundreds of modules.
build: node-deps
	$(WITH_NODE) npm run --silent typecheck
	rm -rf dist && $(WITH_NODE) npm run --silent build

postgres: debian
	$$( [ "$$(id -u)" = 0 ] || echo sudo ) bash scripts/setup-postgres.sh

# The example's production environment, generated with a fresh SECRET_KEY (never committed).
hollow-env:
	bash scripts/hollow-production-env.sh
