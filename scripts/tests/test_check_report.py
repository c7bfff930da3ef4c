"""Fixture tests of scripts/check_report.py: each page passes, or fails for its stated reason.

    python3 -m unittest discover -s scripts/tests -p 'test_check_report.py' -v

Needs Chromium (`apt-get install chromium`) and websocket-client; skipped without Chromium.
Each case starts its own headless Chromium (about 1.5 s).
"""
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
HAVE_CHROMIUM = bool(os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser"))


def fixture(name):
    return os.path.join(FIXTURES, name)


def png_size(path):
    """(width, height) from a PNG's IHDR chunk."""
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{path} is not a PNG")
    return struct.unpack(">II", header[16:24])


@unittest.skipUnless(HAVE_CHROMIUM, "chromium not found (apt-get install chromium)")
class CheckReportTests(unittest.TestCase):
    def setUp(self):
        # The check's own temporary files (Chromium's profile) go here, to prove they are removed.
        self.tmp = tempfile.mkdtemp(prefix="tcr-")
        self.checker_tmp = os.path.join(self.tmp, "t")
        os.mkdir(self.checker_tmp)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_check(self, report, *arguments, env=None):
        environment = dict(os.environ, TMPDIR=self.checker_tmp, **(env or {}))
        result = subprocess.run(
            [sys.executable, SCRIPT, report, *arguments],
            capture_output=True, text=True, timeout=120, env=environment,
        )
        return result

    def variant(self, name, old, new, count=1):
        """good.html with `old` replaced by `new` (`count` times; -1 for all), written to the test's temp dir."""
        with open(fixture("good.html")) as f:
            page = f.read()
        self.assertIn(old, page)
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write(page.replace(old, new, count))
        return path

    def assert_failed_with(self, result, *fragments):
        self.assertEqual(result.returncode, 1, result.stderr)
        for fragment in fragments:
            self.assertIn(fragment, result.stderr)

    def assert_cleaned_up(self):
        self.assertEqual(os.listdir(self.checker_tmp), [], "the check left files in TMPDIR")
        self.assertEqual(chromium_processes_using(self.checker_tmp), [], "a Chromium process survived the check")

    # MARK: - The fixtures

    def test_good_page_passes_with_figures_and_screenshot(self):
        shot = os.path.join(self.tmp, "shots", "good.png")
        result = self.run_check(fixture("good.html"), "--json", "--screenshot", shot)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        figures = json.loads(result.stdout)
        self.assertTrue(figures["ok"])
        self.assertEqual(figures["problems"], [])
        self.assertEqual(figures["charts"], 2)
        self.assertEqual(figures["marks"], 4)
        self.assertEqual(figures["bytes"], os.path.getsize(fixture("good.html")))
        self.assertEqual(figures["headers_clicked"], 2)
        for key in ("load_event_end_ms", "first_paint_ms", "wall_load_ms", "chromium_startup_ms"):
            self.assertGreater(figures[key], 0, key)
        self.assertEqual(png_size(shot)[0], 1280)
        self.assert_cleaned_up()

    def test_good_page_prints_figures_as_text(self):
        result = self.run_check(fixture("good.html"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("report check passed", result.stdout)
        self.assertIn("2 charts, 4 marks", result.stdout)

    def test_script_error_fails(self):
        result = self.run_check(fixture("script-error.html"))
        self.assert_failed_with(result, "script error: ReferenceError: notDefinedAnywhere is not defined")
        self.assertNotIn("network request", result.stderr)
        self.assert_cleaned_up()

    def test_external_image_fails_as_network_request_and_csp_violation(self):
        result = self.run_check(fixture("network.html"))
        self.assert_failed_with(
            result,
            "network request: https://example.com/x.png",
            "content security policy violation: Loading the image 'https://example.com/x.png'",
        )
        self.assertNotIn("script error", result.stderr)

    def test_empty_chart_fails(self):
        result = self.run_check(fixture("empty-chart.html"))
        self.assert_failed_with(result, "empty chart: chart 2 (tp-title tp-desc) has no .mark element")
        self.assertNotIn("chart 1", result.stderr)

    def test_escaped_script_text_passes_without_a_dialog(self):
        result = self.run_check(fixture("escaped-text.html"), "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("dialog", result.stderr)
        self.assertTrue(json.loads(result.stdout)["ok"])

    # MARK: - Variants of the good page, one fault each

    def test_unescaped_script_opens_a_dialog_and_fails(self):
        page = self.variant("dialog.html", "<h1>", "<p><script>alert(1)</script></p>\n<h1>")
        result = self.run_check(page)
        self.assert_failed_with(result, "dialog opened (alert): 1")

    def test_csp_violation_alone_fails(self):
        # A data: script is no network request, but the policy (script-src 'unsafe-inline') refuses it.
        page = self.variant("csp.html", "<h1>", '<script src="data:text/javascript,void 0"></script>\n<h1>')
        result = self.run_check(page)
        self.assert_failed_with(result, "content security policy violation: Loading the script")
        self.assertNotIn("network request", result.stderr)

    def test_console_error_fails(self):
        page = self.variant("console.html", "<script>\n", "<script>\nconsole.error('drawn badly', 42);\n")
        result = self.run_check(page)
        self.assert_failed_with(result, "console error: drawn badly 42")

    def test_error_in_sort_handler_fails(self):
        page = self.variant("sort-error.html", "const key = Number(th.dataset.key);", "const key = th.dataset.key.nope.length;")
        result = self.run_check(page)
        self.assert_failed_with(result, "script error: TypeError: Cannot read properties of undefined")

    def test_page_without_charts_fails(self):
        page = self.variant("no-chart.html", 'class="chart"', 'class="figure"', count=-1)
        result = self.run_check(page)
        self.assert_failed_with(result, "charts: the page has no svg.chart")

    def test_hidden_chart_fails(self):
        page = self.variant("hidden.html", "svg.chart { display: block;", "svg.chart:last-of-type { display: none; } svg.chart { display: block;")
        result = self.run_check(page)
        self.assert_failed_with(result, "empty chart: chart 2 (tp-title tp-desc) has a zero-size bounding box")

    def test_chart_whose_marks_draw_nothing_fails(self):
        page = self.variant("zero-marks.html", '<path class="mark series-0" d="M40 20 L200 60 L440 200"/>\n<circle class="mark point" cx="200" cy="60" r="4"/>',
                            '<path class="mark" d="M40 20"/>\n<circle class="mark" cx="200" cy="60" r="0"/>')
        result = self.run_check(page)
        self.assert_failed_with(result, "empty chart: chart 1 (pr-title pr-desc) has 2 .mark elements, all of zero size")

    def test_slow_page_fails(self):
        busy = "<script>\n{ const t = performance.now(); while (performance.now() - t < 400) {} }\n"
        page = self.variant("slow.html", "<script>\n", busy)
        result = self.run_check(page, "--max-seconds", "0.3")
        self.assert_failed_with(result, "slow: load event end took", "over the 300 ms limit")

    def test_tall_page_screenshot_is_full_page(self):
        page = self.variant("tall.html", "<h1>", '<div style="height: 3000px">tall</div>\n<h1>')
        shot = os.path.join(self.tmp, "tall.png")
        result = self.run_check(page, "--screenshot", shot)
        self.assertEqual(result.returncode, 0, result.stderr)
        width, height = png_size(shot)
        self.assertEqual(width, 1280)
        self.assertGreater(height, 3000)

    # MARK: - Could not check (exit 2) and cleanup

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
        page = self.variant("busy.html", "<script>\n", busy)
        for sig, status in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
            with self.subTest(signal=sig.name):
                process = subprocess.Popen(
                    [sys.executable, SCRIPT, page],
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                    env=dict(os.environ, TMPDIR=self.checker_tmp),
                )
                deadline = time.monotonic() + 30
                while not chromium_processes_using(self.checker_tmp) and time.monotonic() < deadline:
                    time.sleep(0.05)
                self.assertTrue(chromium_processes_using(self.checker_tmp), "Chromium did not start")
                time.sleep(1.0)  # the page is loading now
                process.send_signal(sig)
                _, stderr = process.communicate(timeout=30)
                self.assertEqual(process.returncode, status, stderr)
                self.assert_cleaned_up()


def chromium_processes_using(directory):
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
