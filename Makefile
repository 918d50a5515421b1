# Two commands on a fresh Debian machine: `make demo` and `make test`. Each installs what is missing.
SHELL := /bin/bash
DEBIAN_PACKAGES := python3-django gunicorn python3-psycopg2 python3-whitenoise python3-dj-database-url \
	python3-django-environ python3-decouple python3-dotenv postgresql ssl-cert git chromium
# The test runner's files: every *.test.ts under test/, in a stable order.
TEST_FILES = $(shell find test -name '*.test.ts' | sort)

.PHONY: demo test deps debian node-deps build postgres bench hollow-env

demo: deps build postgres hollow-env
	bash scripts/demo.sh

# The tests run with a TMPDIR of their own, removed afterwards, so no run leaves folders behind in /tmp.
# One file at a time: several files start real platforms, gunicorn dynos and databases, and running two
# of them at once on a 2-core machine made their timing-sensitive steps flaky.
test: deps build postgres hollow-env
	@tmp=$$(mktemp -d /tmp/implanta-tests.XXXXXX); \
	TMPDIR=$$tmp node --import tsx --test --test-concurrency=1 $(TEST_FILES); status=$$?; \
	rm -rf $$tmp; exit $$status

bench: deps build postgres hollow-env
	npm run bench

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
	npm ci --no-audit --no-fund
	@touch $@

# Type-check everything, then bundle the CLI: one file per command loads far faster than hundreds of modules.
build: node-deps
	npm run --silent typecheck
	rm -rf dist && npm run --silent build

postgres: debian
	$$( [ "$$(id -u)" = 0 ] || echo sudo ) bash scripts/setup-postgres.sh

# The example's production environment, generated with a fresh SECRET_KEY (never committed).
hollow-env:
	bash scripts/hollow-production-env.sh
