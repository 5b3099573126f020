# Two commands on a fresh machine: `make demo` and `make test`. Each sets up its own environment.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Tests never touch the network or the user's Hugging Face cache.
export HF_HUB_OFFLINE := 1
export HF_DATASETS_OFFLINE := 1
# mkdocs-material prints a banner about its successor on every build.
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo test test-spark docs-shots browser lint typecheck unit docs bench quality fuzz release-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when the project metadata changes. The demo needs the runtime only; the tests
# need the dev tools as well.
$(VENV)/.installed-runtime: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-runtime

demo: $(VENV)/.installed-runtime
	$(BIN)/python -m seedcorpus.cli.demo

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests fuzz benchmarks tools
	$(BIN)/ruff format --check src tests fuzz benchmarks tools

typecheck: $(VENV)/.installed
	$(BIN)/mypy

# Branch coverage of the package, with a floor (a few points under today's figure, 95%).
COVERAGE_FLOOR := 93
unit: $(VENV)/.installed
	$(BIN)/pytest --cov=seedcorpus --cov-fail-under=$(COVERAGE_FLOOR)

# The documentation site, strictly: a broken link or reference fails.
docs: $(VENV)/.installed
	$(BIN)/mkdocs build --strict --quiet --site-dir build/site

test: lint typecheck docs unit

# Screenshots of the format, parsers and huggingface pages and of a crawl report in headless
# Chromium (make browser), to read the Arabic as a reader would: build/docs-shots/*.png (not
# committed).
docs-shots: $(VENV)/.installed
	$(BIN)/python tools/docs_shots.py

# Headless Chromium for the browser tests and docs-shots, installed from Debian's archive when
# missing (as root, or with sudo): .ci/run calls this so that CI never skips those tests.
browser:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then \
		echo "chromium: $$(command -v chromium || command -v chromium-browser)"; \
	else \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends \
			chromium fonts-noto-core fonts-dejavu-core; \
	fi

# The Spark recipe of docs/scale.md, run for real on Spark local[2] (needs Java 17+).
$(VENV)/.installed-spark: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet 'pyspark>=4.0,<5'
	touch $@

test-spark: $(VENV)/.installed-spark
	$(BIN)/pytest -m spark -p no:cacheprovider

# Everything a release needs: sdist and wheel built, metadata checked, and the wheel installed
# with its declared dependencies into a fresh environment, run from outside the source tree.
RELEASE_ENV := build/release-env
release-check: test
	rm -rf dist $(RELEASE_ENV) build/release-run
	$(BIN)/python -m build --outdir dist
	$(BIN)/twine check --strict dist/*
	$(BIN)/pytest -q -m release tests/test_release.py
	$(PYTHON) -m venv $(RELEASE_ENV)
	$(RELEASE_ENV)/bin/python -m pip install --quiet dist/*.whl
	mkdir -p build/release-run
	cd build/release-run && HF_HOME=$$PWD/hf ../release-env/bin/seedcorpus list
	cd build/release-run && HF_HOME=$$PWD/hf ../release-env/bin/seedcorpus export out --format hf
	cd build/release-run && HF_HOME=$$PWD/hf ../release-env/bin/python -c \
		"import datasets, seedcorpus; d = datasets.load_dataset('out', split='train'); \
		assert d.features == seedcorpus.FEATURES; print('release check: OK', len(d), 'rows')"

# The benchmark suite (several minutes; not part of `make test`): writes docs/benchmarks.*.
$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/run.py

# The parser scored against every gold file in reach (tests/data/gold, ../shared/realworld):
# writes docs/quality.md. `make test` runs the same scoring with floors.
quality: $(VENV)/.installed
	$(BIN)/python tools/quality.py

# Coverage-guided fuzzing for FUZZ_SECONDS, starting from the test articles and fuzz/seeds/ (an
# input for every section and defect code); crashes are saved under tests/fuzz_crashes/ and then
# replayed by every `make test`.
FUZZ_SECONDS ?= 60
fuzz: $(VENV)/.installed
	mkdir -p .fuzz-corpus tests/fuzz_crashes
	cp -n tests/data/articles/*.txt fuzz/seeds/*.txt .fuzz-corpus/ || true
	$(BIN)/python fuzz/fuzz_parse.py -max_total_time=$(FUZZ_SECONDS) --seconds=$(FUZZ_SECONDS) \
		-artifact_prefix=tests/fuzz_crashes/ .fuzz-corpus

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
