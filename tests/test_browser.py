"""The exported demo site in a real browser (headless Chromium), axe-core and the Nu HTML Checker.

Needs /usr/bin/chromium (Debian package `chromium`), Node with tests/browser/node_modules
(`npm ci` there) and Java; tests/browser/setup.sh installs what is missing. Outside CI a
missing tool skips these tests with the reason; under CI=true it fails them instead.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from netlint.cli import main

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent / "browser"
CHROMIUM = Path(os.environ.get("NETLINT_CHROMIUM", "/usr/bin/chromium"))
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
DESKTOP, PHONE, SMALL_PHONE = 1280, 390, 360
# Every page is checked at desktop width; these also at phone width (stacked tables, smaller headings).
PHONE_PAGES = (
    "index.html",
    "topics/gi-net-surgery.html",
    "procedures/local-excision.html",
    "procedures/pancreaticoduodenectomy.html",  # the longest word in a title
)


def require(what: str, present: bool) -> None:
    """Skip (or, under CI=true, fail) when a tool the browser tests need is missing."""
    if present:
        return
    reason = f"{what} is missing; run tests/browser/setup.sh (as root for Chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content exported with `netlint export --format html`."""
    out = tmp_path_factory.mktemp("export") / "dist"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        result = CliRunner().invoke(main, ["export", "--format", "html", "--out", str(out), "--today", "2026-01-15"])
    assert result.exit_code == 0, result.output
    return out / "html"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        # Chromium asks every new origin for /favicon.ico; a published site's server root has its own.
        if self.path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The exported site on a local HTTP server; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser_report(site: Path, served: str) -> list[dict[str, Any]]:
    """check.mjs's report on every page of the site at every width."""
    require(f"Chromium ({CHROMIUM})", CHROMIUM.is_file())
    require("Node", shutil.which("node") is not None)
    require("tests/browser/node_modules", (TOOLS / "node_modules" / "playwright-core").is_dir())
    names = [path.relative_to(site).as_posix() for path in sorted(site.rglob("*.html"))]
    assert set(PHONE_PAGES) <= set(names)
    pages = [[served + name, DESKTOP] for name in names]
    pages += [[served + name, width] for width in (PHONE, SMALL_PHONE) for name in PHONE_PAGES]
    return check_pages(pages)


def check_pages(pages: list[list[Any]]) -> list[dict[str, Any]]:
    """check.mjs's report on each [url, width] of ``pages``, in order."""
    done = subprocess.run(
        ["node", str(TOOLS / "check.mjs"), json.dumps({"chromium": str(CHROMIUM), "pages": pages})],
        cwd=TOOLS,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    report: list[dict[str, Any]] = json.loads(done.stdout)
    assert len(report) == len(pages)
    return report


def test_pages_load_cleanly_without_other_sites(browser_report: list[dict[str, Any]]) -> None:
    for page in browser_report:
        where = f"{page['url']} at {page['width']}px"
        assert page["status"] == 200, where
        assert page["consoleErrors"] == [], where
        assert page["pageErrors"] == [], where
        assert page["failedRequests"] == [], where
        assert page["otherHosts"] == [], where
        assert page["title"], where
        # The stylesheet was allowed by the page's CSP and applied: the main column is limited.
        assert page["mainMaxWidth"] != "none", where
        assert page["horizontalOverflow"] is False, where


def test_the_page_title_is_the_largest_heading_at_every_width(browser_report: list[dict[str, Any]]) -> None:
    # On a phone the h1 shrank with the window below the fixed h2 (18 px against 22 px at 320 px).
    for page in browser_report:
        sizes = page["headingSizes"]
        assert sizes["h1"] is not None and sizes["h1"] >= sizes["h2"], f"{page['url']} at {page['width']}px: {sizes}"


def test_no_word_of_a_title_or_a_table_is_split_over_two_lines(browser_report: list[dict[str, Any]]) -> None:
    # Cells broke anywhere: at 1280 px the pathway table split "Appende|ctomy" and "Proced|ure" with room to
    # spare; and at 360 px the title "Pancreaticoduodenectomy" was wider than the phone (24 px at least).
    split = {f"{page['url']} at {page['width']}px": page["splitWords"] for page in browser_report if page["splitWords"]}
    assert split == {}


def test_a_printed_page_shows_each_source_s_web_address(browser_report: list[dict[str, Any]]) -> None:
    # Patients print pages for appointments: on paper a linked title alone could not be traced.
    printed = [pair for page in browser_report for pair in page["printedAfterSources"]]
    assert printed, "the demo pages cite linked sources"
    for href, after in printed:
        assert after == f'" ({href})"', (href, after)


@pytest.fixture(scope="module")
def wide_report(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """check.mjs's report on a topic whose pathway table holds a long web address, at phone width."""
    require(f"Chromium ({CHROMIUM})", CHROMIUM.is_file())
    require("Node", shutil.which("node") is not None)
    require("tests/browser/node_modules", (TOOLS / "node_modules" / "playwright-core").is_dir())
    root = tmp_path_factory.mktemp("wide")
    for name in ("content", "schema"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "netlint.toml", root / "netlint.toml")
    topic = root / "content/topics/gi-net-surgery.yaml"
    long_address = "https://www.cancer.org/cancer/types/gastrointestinal-neuroendocrine-tumors/treating/surgery.html"
    text = topic.read_text(encoding="utf-8").replace(
        "          as a hemicolectomy.\n", f"          as a hemicolectomy. See {long_address} for more.\n"
    )
    assert long_address in text
    topic.write_text(text, encoding="utf-8")
    # A web address whose scheme is in capitals, as the schema allows: printed too.
    sources = root / "content/sources.yaml"
    listed = sources.read_text(encoding="utf-8")
    assert "url: https://" in listed
    sources.write_text(listed.replace("url: https://", "url: HTTPS://", 1), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        result = CliRunner().invoke(main, ["export", "--format", "html", "--out", "dist", "--today", "2026-01-15"])
    assert result.exit_code == 0, result.output
    site = root / "dist/html"
    return check_pages([[(site / "topics/gi-net-surgery.html").as_uri(), width] for width in (320, PHONE)])


def test_a_long_web_address_in_a_table_does_not_widen_the_page_on_a_phone(wide_report: list[dict[str, Any]]) -> None:
    # A table cell's address made the page 471 px wide in a 375 px window: the end of "what this means"
    # was cut off, and the whole page scrolled sideways.
    assert [(page["width"], page["horizontalOverflow"]) for page in wide_report] == [(320, False), (PHONE, False)]


def test_a_web_address_in_capitals_is_printed_too(wide_report: list[dict[str, Any]]) -> None:
    # The print rule matched "http" case-sensitively: "HTTPS://..." was not printed after its title.
    printed = dict(wide_report[0]["printedAfterSources"])
    capitals = [href for href in printed if href.startswith("HTTPS://")]
    assert capitals, printed
    assert all(printed[href] == f'" ({href})"' for href in printed), printed


def test_axe_finds_no_accessibility_violations(browser_report: list[dict[str, Any]]) -> None:
    found = {f"{page['url']} at {page['width']}px": page["violations"] for page in browser_report if page["violations"]}
    assert found == {}


def test_json_ld_reads_back_in_the_browser(browser_report: list[dict[str, Any]]) -> None:
    by_url = {"/".join(page["url"].split("/")[-2:]): page for page in browser_report}
    assert [page for key, page in by_url.items() if key.endswith("/index.html") and page["jsonld"]] == []
    (text,) = by_url["procedures/local-excision.html"]["jsonld"]
    data = json.loads(text)
    assert data["@type"] == "MedicalWebPage"
    assert data["about"]["@type"] == ["SurgicalProcedure", "TherapeuticProcedure"]
    assert data["lastReviewed"] == "2025-08-08"
    (text,) = by_url["topics/gi-net-surgery.html"]["jsonld"]
    assert json.loads(text)["name"] == "Surgery for gastrointestinal neuroendocrine tumors"


def test_nu_html_checker_reports_no_errors(site: Path) -> None:
    require("Java", shutil.which("java") is not None)
    require("the Nu HTML Checker (tests/browser/node_modules/vnu-jar)", VNU.is_file())
    files = [str(path) for path in sorted(site.rglob("*")) if path.suffix in (".html", ".css")]
    assert len(files) >= 3
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--also-check-css", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(done.stderr or done.stdout)  # vnu writes its report to stderr
    assert report["messages"] == [], json.dumps(report["messages"][:10], indent=2)
    assert done.returncode == 0
