"""Look at the documentation site as a reader would: headless Chromium screenshots and layout.

``make docs-shots`` builds the site and writes PNGs of the format, parsers and huggingface
pages, and of the crawl report of the test articles, to ``build/docs-shots/``.
``tests/test_docs_rendering.py`` and ``tests/test_report_rendering.py`` use the same functions
to measure where Chromium actually draws the parts of a mixed Arabic and Latin line, in the
docs and in a crawl report.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = ("format", "parsers", "huggingface")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--virtual-time-budget=4000",
]
# Measures, in the first element matching SELECTOR that holds `needle`, the drawn boxes of
# some of its parts, and writes them into the page title for --dump-dom to carry out.
MEASURE = """
<script>
window.addEventListener("load", () => {
  const block = [...document.querySelectorAll(SELECTOR)]
    .find((c) => c.textContent.includes(NEEDLE));
  const nodes = [];
  const walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) nodes.push(n);
  const text = nodes.map((n) => n.data).join("");
  function at(index) {
    for (const node of nodes) {
      if (index <= node.data.length) return [node, index];
      index -= node.data.length;
    }
  }
  function boxes(part) {
    const start = text.indexOf(NEEDLE) + NEEDLE.indexOf(part);
    const range = document.createRange();
    range.setStart(...at(start));
    range.setEnd(...at(start + part.length));
    return [...range.getClientRects()].map((r) => [r.left, r.right, r.top]);
  }
  document.title = JSON.stringify(Object.fromEntries(PARTS.map((p) => [p, boxes(p)])));
});
</script>
"""


def chromium() -> str | None:
    """The Chromium executable, or None where it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when Chromium is installed.

    Under CI (``CI=true``) a missing browser is a failure, not a skip: ``.ci/run`` installs it,
    so its absence means the CI set-up broke.
    """
    if chromium() is not None:
        return None
    return "headless Chromium is not installed (apt-get install chromium; .ci/run does it in CI)"


def in_ci() -> bool:
    """Whether this runs in CI, where every browser test must run."""
    return os.environ.get("CI", "").lower() in ("true", "1")


def build_site(out: Path) -> None:
    """Build the documentation site strictly into ``out``."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=REPO,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def screenshot(page: Path, out: Path, size: str = "1280,3000") -> None:
    """A PNG of a built page."""
    browser = chromium()
    assert browser is not None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={size}",
                f"--screenshot={out}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def measure(
    page: Path, needle: str, parts: list[str], selector: str = "pre code"
) -> dict[str, list[list[float]]]:
    """Where Chromium draws each part of ``needle`` (boxes: left, right, top).

    ``needle`` is looked for in the first element matching ``selector`` that holds it.
    """
    browser = chromium()
    assert browser is not None
    script = (
        MEASURE.replace("SELECTOR", json.dumps(selector))
        .replace("NEEDLE", json.dumps(needle))
        .replace("PARTS", json.dumps(parts))
    )
    probe = page.resolve().with_name("probe.html")
    probe.write_text(page.read_text("utf-8").replace("</body>", script + "</body>"), "utf-8")
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", probe.as_uri()],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
    title = re.search(r"<title>(.*?)</title>", result.stdout, re.DOTALL)
    assert title is not None, result.stdout[:500]
    import html

    return dict(json.loads(html.unescape(title.group(1))))


def main() -> int:
    """Build the site and write the screenshots."""
    if chromium() is None:
        print("Chromium is not installed (apt-get install chromium); no screenshots taken")
        return 1
    site = REPO / "build" / "site"
    build_site(site)
    shots = REPO / "build" / "docs-shots"
    shots.mkdir(parents=True, exist_ok=True)
    for name in PAGES:
        screenshot(site / name / "index.html", shots / f"{name}.png")
        print(f"wrote {shots / f'{name}.png'}")
    import seedcorpus  # the report of the test articles, as a reader sees it

    page = shots / "report.html"
    seedcorpus.report(REPO / "tests" / "data" / "articles", page, overwrite=True)
    screenshot(page, shots / "report.png", size="1280,3000")
    print(f"wrote {shots / 'report.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
