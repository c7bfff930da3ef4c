"""Fixture tests of scripts/check_report.py: each page passes, or fails for its stated reason.

    python3 -m unittest discover -s scripts/tests -p 'test_check_report.py' -v

Needs Chromium (`apt-get install chromium`) and websocket-client; skipped without them.
The command-line tests start a Chromium each (about 1.5 s); the page tests share one browser
(a new tab each) through `check_report.check`.
"""
import glob
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "check_report.py")
FIXTURES = os.path.join(HERE, "fixtures", "report")
sys.path.insert(0, os.path.join(HERE, ".."))
import check_report  # noqa: E402

HAVE_CHROMIUM = check_report.find_chromium() is not None
try:
    import websocket  # noqa: F401

    HAVE_WEBSOCKET = True
except ImportError:
    HAVE_WEBSOCKET = False
NEEDS = "chromium and websocket-client (apt-get install chromium; pip install -r requirements.txt)"


def fixture(name):
    return os.path.join(FIXTURES, name)


def read(path):
    with open(path) as f:
        return f.read()


def png_size(path):
    """(width, height) from a PNG's IHDR chunk."""
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{path} is not a PNG")
    return struct.unpack(">II", header[16:24])


def good_variant(directory, name, old, new, count=1):
    """good.html with `old` replaced by `new` (`count` times; -1 for all), written to `directory`."""
    page = read(fixture("good.html"))
    if old not in page:
        raise AssertionError(f"{old!r} is not in good.html")
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write(page.replace(old, new, count))
    return path


@unittest.skipUnless(HAVE_CHROMIUM and HAVE_WEBSOCKET, NEEDS)
class PageTests(unittest.TestCase):
    """The pages, checked in one shared Chromium: each passes, or fails for its stated reason."""

    @classmethod
    def setUpClass(cls):
        cls.browser = check_report.Browser(check_report.find_chromium())
        try:
            cls.browser.start()
        except BaseException:
            cls.browser.close()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="tcr-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def check(self, page, max_seconds=5.0, screenshot=None):
        return check_report.check(page, screenshot, max_seconds, browser=self.browser)

    def variant(self, name, old, new, count=1):
        return good_variant(self.tmp, name, old, new, count)

    def assert_fails_with(self, page, *fragments, max_seconds=5.0):
        """The page fails, and every fragment is in one of its problems."""
        problems, _ = self.check(page, max_seconds)
        self.assertTrue(problems, f"{page} passed")
        for fragment in fragments:
            self.assertTrue(any(fragment in p for p in problems), f"{fragment!r} not in {problems}")
        return problems

    # MARK: - The fixtures

    def test_good_page_passes(self):
        problems, figures = self.check(fixture("good.html"))
        self.assertEqual(problems, [])
        self.assertEqual((figures["charts"], figures["marks"]), (2, 4))
        self.assertEqual(figures["headers_clicked"], 2)
        self.assertEqual(figures["requests"], 1)  # the page itself

    def test_script_error_fails(self):
        problems = self.assert_fails_with(fixture("script-error.html"), "script error: ReferenceError: notDefinedAnywhere is not defined")
        self.assertEqual(len(problems), 1, problems)

    def test_external_image_fails_as_network_request_and_csp_violation(self):
        problems = self.assert_fails_with(
            fixture("network.html"),
            "network request: https://example.com/x.png",
            "content security policy violation: Loading the image 'https://example.com/x.png'",
        )
        self.assertEqual(len(problems), 2, problems)

    def test_empty_chart_fails(self):
        problems = self.assert_fails_with(fixture("empty-chart.html"), "empty chart: chart 2 (tp-title tp-desc) has no .mark element")
        self.assertEqual(len(problems), 1, problems)

    def test_escaped_script_text_passes_without_a_dialog(self):
        problems, _ = self.check(fixture("escaped-text.html"))
        self.assertEqual(problems, [])

    # MARK: - Variants of the good page, one fault each

    def test_unescaped_script_opens_a_dialog_and_fails(self):
        page = self.variant("dialog.html", "<h1>", "<p><script>alert(1)</script></p>\n<h1>")
        self.assert_fails_with(page, "dialog opened (alert): 1")

    def test_csp_violation_alone_fails(self):
        # A data: script is no network request, but the policy (script-src 'unsafe-inline') refuses it.
        page = self.variant("csp.html", "<h1>", '<script src="data:text/javascript,void 0"></script>\n<h1>')
        problems = self.assert_fails_with(page, "content security policy violation: Loading the script")
        self.assertFalse(any("network request" in p for p in problems), problems)

    def test_console_error_fails(self):
        page = self.variant("console.html", "<script>\n", "<script>\nconsole.error('drawn badly', 42);\n")
        self.assert_fails_with(page, "console error: drawn badly 42")

    def test_error_in_sort_handler_fails(self):
        page = self.variant("sort-error.html", "const key = Number(th.dataset.key);", "const key = th.dataset.key.nope.length;")
        self.assert_fails_with(page, "script error: TypeError: Cannot read properties of undefined")

    def test_page_without_charts_fails(self):
        page = self.variant("no-chart.html", 'class="chart"', 'class="figure"', count=-1)
        self.assert_fails_with(page, "charts: the page has no svg.chart")

    def test_hidden_chart_fails(self):
        page = self.variant("hidden.html", "svg.chart { display: block;", "svg.chart:last-of-type { display: none; } svg.chart { display: block;")
        self.assert_fails_with(page, "empty chart: chart 2 (tp-title tp-desc) has a zero-size bounding box")

    def test_chart_whose_marks_draw_nothing_fails(self):
        page = self.variant(
            "zero-marks.html",
            '<path class="mark series-0" d="M40 20 L200 60 L440 200"/>\n<circle class="mark point" cx="200" cy="60" r="4"/>',
            '<path class="mark" d="M40 20"/>\n<circle class="mark" cx="200" cy="60" r="0"/>',
        )
        self.assert_fails_with(page, "empty chart: chart 1 (pr-title pr-desc) has 2 .mark elements, all of zero size")

    def test_slow_page_fails(self):
        busy = "<script>\n{ const t = performance.now(); while (performance.now() - t < 400) {} }\n"
        page = self.variant("slow.html", "<script>\n", busy)
        self.assert_fails_with(page, "slow: load event end took", "over the 300 ms limit", max_seconds=0.3)

    def test_tall_page_screenshot_is_full_page(self):
        page = self.variant("tall.html", "<h1>", '<div style="height: 3000px">tall</div>\n<h1>')
        shot = os.path.join(self.tmp, "tall.png")
        problems, figures = self.check(page, screenshot=shot)
        self.assertEqual(problems, [])
        width, height = png_size(shot)
        self.assertEqual(width, 1280)
        self.assertGreater(height, 3000)
        self.assertEqual(height, figures["page_height_px"])


@unittest.skipUnless(HAVE_CHROMIUM and HAVE_WEBSOCKET, NEEDS)
class CommandLineTests(unittest.TestCase):
    """scripts/check_report.py as make test runs it: exit status, messages, cleanup."""

    def setUp(self):
        # The check's own temporary files (Chromium's profile) go here, to prove they are removed.
        self.tmp = tempfile.mkdtemp(prefix="tcr-")
        self.checker_tmp = os.path.join(self.tmp, "t")
        os.mkdir(self.checker_tmp)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_check(self, report, *arguments, env=None):
        environment = dict(os.environ, TMPDIR=self.checker_tmp, **(env or {}))
        return subprocess.run(
            [sys.executable, SCRIPT, report, *arguments],
            capture_output=True, text=True, timeout=120, env=environment,
        )

    def assert_cleaned_up(self):
        self.assertEqual(os.listdir(self.checker_tmp), [], "the check left files in TMPDIR")
        self.assertEqual(processes_naming(self.checker_tmp), [], "a Chromium process survived the check")

    def test_good_page_passes_with_figures_and_screenshot(self):
        shot = os.path.join(self.tmp, "shots", "good.png")
        result = self.run_check(fixture("good.html"), "--json", "--screenshot", shot)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        figures = json.loads(result.stdout)
        self.assertTrue(figures["ok"])
        self.assertEqual(figures["problems"], [])
        self.assertEqual((figures["charts"], figures["marks"]), (2, 4))
        self.assertEqual(figures["bytes"], os.path.getsize(fixture("good.html")))
        for key in ("load_event_end_ms", "first_paint_ms", "wall_load_ms", "chromium_startup_ms", "total_ms"):
            self.assertGreater(figures[key], 0, key)
        self.assertEqual(png_size(shot)[0], 1280)
        self.assert_cleaned_up()

    def test_failing_page_is_exit_1_with_one_line_per_problem(self):
        result = self.run_check(fixture("network.html"))
        self.assertEqual(result.returncode, 1, result.stderr)
        lines = result.stderr.strip().split("\n")
        self.assertEqual(len(lines), 2, lines)
        self.assertTrue(all(line.startswith(fixture("network.html") + ": ") for line in lines), lines)
        self.assertIn("report check FAILED", result.stdout)
        self.assertIn("2 charts, 4 marks", result.stdout)
        self.assert_cleaned_up()

    def test_missing_chromium_is_exit_2_with_one_line(self):
        result = self.run_check(fixture("good.html"), env={"CHROMIUM": "/nonexistent/chromium"})
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr.strip().count("\n"), 0)
        self.assertIn("chromium not found", result.stderr)

    def test_missing_report_is_exit_2(self):
        result = self.run_check(os.path.join(self.tmp, "absent.html"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("no such report file", result.stderr)
        self.assert_cleaned_up()

    def test_interrupt_kills_chromium_and_removes_its_profile(self):
        busy = "<script>\n{ const t = performance.now(); while (performance.now() - t < 8000) {} }\n"
        page = good_variant(self.tmp, "busy.html", "<script>\n", busy)
        for sig, status in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
            with self.subTest(signal=sig.name):
                process = subprocess.Popen(
                    [sys.executable, SCRIPT, page],
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                    env=dict(os.environ, TMPDIR=self.checker_tmp),
                )
                try:
                    # Chromium has opened its DevTools port: the check is under way.
                    deadline = time.monotonic() + 30
                    while not glob.glob(os.path.join(self.checker_tmp, "*", "profile", "DevToolsActivePort")):
                        self.assertLess(time.monotonic(), deadline, "Chromium did not start")
                        self.assertIsNone(process.poll(), "the check ended before Chromium started")
                        time.sleep(0.02)
                    time.sleep(0.5)  # the busy page is loading now
                    self.assertTrue(processes_naming(self.checker_tmp), "no Chromium process found")
                    process.send_signal(sig)
                    _, stderr = process.communicate(timeout=30)
                finally:
                    if process.poll() is None:
                        process.kill()
                        process.wait()
                self.assertEqual(process.returncode, status, stderr)
                self.assert_cleaned_up()


def processes_naming(directory):
    """Ids of the processes whose command line names `directory` (read from /proc, never signalled)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if directory in command and "check_report.py" not in command:
            found.append(int(entry))
    return found


if __name__ == "__main__":
    unittest.main()
