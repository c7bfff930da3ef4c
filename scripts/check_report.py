#!/usr/bin/env python3
"""Renders a report page in headless Chromium and checks that it is self-contained and drawn.

    python3 scripts/check_report.py Results/quickstart/report.html
    python3 scripts/check_report.py REPORT.html --screenshot out/report.png --max-seconds 2 --json

Starts Debian's Chromium headless with a throw-away profile, talks the Chrome DevTools
Protocol over a websocket (PyPI `websocket-client`, pinned in requirements.txt), opens the
file, and fails when the page:
  - throws a script error (also in a table header's click handler: every `th` is clicked
    once after the screenshot, which exercises the sort script),
  - logs a console error (a Content-Security-Policy violation is one),
  - requests any resource other than the report itself and `data:` URLs,
  - opens a dialog (alert, confirm, prompt),
  - has no `svg.chart`, or an `svg.chart` with no `.mark` inside, with a zero-size box,
    or whose marks all have a zero-size box,
  - takes more than --max-seconds to load or to first paint.
Measures the load (navigation start to load event end, first paint and first contentful
paint from `performance` entries; wall time from Page.navigate to Page.loadEventFired),
the page size, the number of charts and marks, and prints them (JSON with --json).
With --screenshot, saves a full-page PNG 1280 CSS pixels wide.

Exit status: 0 the page passed; 1 the page failed (one line per problem on stderr);
2 the check could not run (no Chromium, no such file, the browser failed), one line on stderr.
Chromium is always killed and its profile directory removed, also on failure or Ctrl-C.
"""
import argparse
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

VIEWPORT_WIDTH = 1280
VIEWPORT_HEIGHT = 800
STARTUP_TIMEOUT = 30.0  # seconds for Chromium to open its DevTools port
MAX_TMPDIR_LENGTH = 40  # leaves room for Chromium's socket path (107 bytes at most)
SETTLE_SECONDS = 0.2  # quiet time after load (and after the clicks) to catch late errors


class CheckError(Exception):
    """The check could not run (exit 2); not a verdict on the page."""


def find_chromium():
    """The Chromium executable: $CHROMIUM, else `chromium` or `chromium-browser` on PATH."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return shutil.which(explicit)
    return shutil.which("chromium") or shutil.which("chromium-browser")


# MARK: - Browser process


class Browser:
    """One headless Chromium in a temporary directory; `close()` kills it and removes the directory.

    Create it, then call `start()` inside the `try` whose `finally` calls `close()`: an
    interrupt during startup then still reaches the cleanup.
    """

    def __init__(self, executable):
        self.executable = executable
        self.process = None
        self.earlier_children = set()
        self.websocket_url = None
        self.startup_seconds = None
        # One temporary directory holds the profile, the log, Chromium's own temporary files
        # (its TMPDIR) and its HOME (crash reports, caches), so that removing it leaves
        # nothing behind. Chromium puts a unix socket in its TMPDIR and aborts when that path
        # passes 107 bytes: a long $TMPDIR gives way to /tmp.
        parent = tempfile.gettempdir()
        if len(parent) > MAX_TMPDIR_LENGTH:
            parent = "/tmp"
        self.root = tempfile.mkdtemp(prefix="check-report-", dir=parent)
        self.profile = os.path.join(self.root, "profile")
        self.log_path = os.path.join(self.root, "chromium.log")

    def start(self):
        """Launches Chromium and waits until its DevTools port is open."""
        started = time.monotonic()
        home = os.path.join(self.root, "home")
        temporary = os.path.join(self.root, "tmp")
        for directory in (self.profile, home, temporary):
            os.mkdir(directory)
        arguments = [
            self.executable,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--remote-debugging-port=0",
            f"--user-data-dir={self.profile}",
            "--disable-dev-shm-usage",
            "--disable-crash-reporter",
            "--disable-breakpad",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--mute-audio",
            "about:blank",
        ]
        environment = dict(
            os.environ, TMPDIR=temporary, HOME=home,
            XDG_CONFIG_HOME=os.path.join(home, ".config"), XDG_CACHE_HOME=os.path.join(home, ".cache"),
        )
        become_subreaper()
        self.earlier_children = {pid for pid, _ in children()}
        with open(self.log_path, "wb") as log:
            # Own process group, so that close() reaches the renderer and zygote children too.
            self.process = subprocess.Popen(
                arguments, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True, env=environment,
            )
        self.websocket_url = self._wait_for_port()
        self.startup_seconds = time.monotonic() - started

    def _wait_for_port(self):
        """The browser's websocket URL, from the DevToolsActivePort file Chromium writes."""
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CheckError(f"chromium exited with status {self.process.returncode} at startup: {self._log_tail()}")
            try:
                with open(port_file) as f:
                    lines = f.read().split("\n")
                if len(lines) >= 2 and lines[0].strip().isdigit() and lines[1].strip():
                    return f"ws://127.0.0.1:{lines[0].strip()}{lines[1].strip()}"
            except FileNotFoundError:
                pass
            time.sleep(0.02)
        raise CheckError(f"chromium did not open its DevTools port within {STARTUP_TIMEOUT:.0f} s: {self._log_tail()}")

    def _log_tail(self):
        try:
            with open(self.log_path, errors="replace") as f:
                lines = [line.strip() for line in f if line.strip()]
            return lines[-1] if lines else "(no output)"
        except OSError:
            return "(no output)"

    def close(self):
        """Kills Chromium and every process it started, reaps them, and removes the directory.

        The processes are found by id: Chromium's process group, and (the caller being a child
        subreaper) the orphans of Chromium that left the group, such as its crash handler:
        children of the caller that were not there before `start()`.
        """
        if self.process is not None:
            # No graceful shutdown: the profile is thrown away, and SIGTERM costs 0.7 s here.
            signal_group(self.process.pid, signal.SIGKILL)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                orphans = [c for c in children() if c[0] not in self.earlier_children and c[0] != self.process.pid]
                if not orphans:
                    break
                for pid, state in orphans:
                    try:
                        if state != "Z":
                            os.kill(pid, signal.SIGKILL)
                        os.waitpid(pid, os.WNOHANG)
                    except (ProcessLookupError, ChildProcessError):
                        pass
                time.sleep(0.01)
        shutil.rmtree(self.root, ignore_errors=True)


def signal_group(group, number):
    """Sends a signal to Chromium's process group, if it still exists."""
    try:
        os.killpg(group, number)
    except ProcessLookupError:
        pass


def become_subreaper():
    """Makes Chromium's orphans (its double-forked helpers) children of this process (Linux)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def children():
    """(id, state) of this process's children, from /proc; state "Z" is a zombie."""
    me = str(os.getpid())
    found = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return found
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 1 and fields[1] == me:
            found.append((int(entry), fields[0]))
    return found


# MARK: - DevTools protocol


class DevTools:
    """A minimal CDP client over one browser websocket, with a flat session to one page."""

    def __init__(self, websocket_url, on_event):
        import websocket  # websocket-client; imported here so that a missing package is one clear line

        self._websocket = websocket
        try:
            self.connection = websocket.create_connection(websocket_url, timeout=10, suppress_origin=True)
        except (OSError, websocket.WebSocketException) as error:
            raise CheckError(f"cannot connect to chromium's DevTools websocket: {error}")
        self.on_event = on_event
        self.next_id = 0
        self.session = None

    def send(self, method, params=None, session=True):
        """Sends a command without waiting; returns its id."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session is not None:
            message["sessionId"] = self.session
        self.connection.send(json.dumps(message))
        return self.next_id

    def call(self, method, params=None, session=True, timeout=10.0):
        """Sends a command and returns its result, dispatching the events that arrive meanwhile."""
        wanted = self.send(method, params, session)
        found = {}

        def answered(message):
            if message.get("id") == wanted:
                found["message"] = message
                return True
            return False

        if not self.pump(timeout, answered):
            raise CheckError(f"no answer to {method} within {timeout:.0f} s")
        message = found["message"]
        if "error" in message:
            raise CheckError(f"{method} failed: {message['error'].get('message', message['error'])}")
        return message.get("result", {})

    def pump(self, timeout, until=None):
        """Reads messages for up to `timeout` seconds; stops early (True) when `until(message)` holds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self.connection.settimeout(left)
            try:
                raw = self.connection.recv()
            except self._websocket.WebSocketTimeoutException:
                return False
            except (OSError, self._websocket.WebSocketException) as error:
                raise CheckError(f"lost the DevTools connection: {error}")
            message = json.loads(raw)
            if "method" in message and message.get("sessionId") in (None, self.session):
                self.on_event(message)
            if until is not None and until(message):
                return True

    def close(self):
        try:
            self.connection.close()
        except Exception:
            pass


# MARK: - The check


CHART_PROBE = """(() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.width, r.height]; };
  const charts = Array.from(document.querySelectorAll('svg.chart')).map((svg, index) => {
    const marks = Array.from(svg.querySelectorAll('.mark'));
    const [width, height] = box(svg);
    return {
      index: index + 1,
      id: svg.id || svg.getAttribute('aria-labelledby') || '',
      marks: marks.length,
      drawn: marks.filter((m) => { const [w, h] = box(m); return w > 0 || h > 0; }).length,
      width, height,
    };
  });
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
  return {
    charts,
    loadEventEnd: nav ? nav.loadEventEnd : null,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    firstPaint: paint['first-paint'] ?? null,
    firstContentfulPaint: paint['first-contentful-paint'] ?? null,
    height: Math.ceil(Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)),
  };
})()"""

CLICK_HEADERS = """(() => {
  const headers = Array.from(document.querySelectorAll('table th'));
  headers.forEach((th) => th.click());
  return headers.length;
})()"""


def same_document(url, report_url):
    """Whether a requested URL is the report itself (fragment and percent-encoding aside)."""
    def normal(u):
        return urllib.parse.unquote(urllib.parse.urldefrag(u)[0])
    return normal(url) == normal(report_url)


def short(text, limit=300):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PageCheck:
    """Collects the problems one page shows while it loads and is clicked."""

    def __init__(self, report_url):
        self.report_url = report_url
        self.problems = []
        self.devtools = None
        self.loaded = None  # monotonic time of Page.loadEventFired
        self.crashed = False
        self.requests = 0

    def problem(self, text):
        if text not in self.problems:
            self.problems.append(text)

    def on_event(self, message):
        method = message["method"]
        params = message.get("params", {})
        if method == "Page.loadEventFired":
            if self.loaded is None:
                self.loaded = time.monotonic()
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            exception = details.get("exception", {})
            text = exception.get("description") or details.get("text", "exception")
            where = f" (line {details['lineNumber'] + 1})" if "lineNumber" in details else ""
            self.problem(f"script error: {short(text.splitlines()[0] if text else text)}{where}")
        elif method == "Runtime.consoleAPICalled":
            if params.get("type") in ("error", "assert"):
                values = [a.get("value", a.get("description", "")) for a in params.get("args", [])]
                self.problem(f"console error: {short(' '.join(str(v) for v in values))}")
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") == "error":
                source = entry.get("source", "other")
                kind = "content security policy violation" if "Content Security Policy" in entry.get("text", "") else f"console error ({source})"
                self.problem(f"{kind}: {short(entry.get('text', ''))}")
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            self.requests += 1
            if not (url.startswith("data:") or same_document(url, self.report_url)):
                self.problem(f"network request: {short(url, 200)}")
        elif method in ("Inspector.targetCrashed", "Target.targetCrashed"):
            self.crashed = True
            self.problem("crash: the page's renderer crashed")
        elif method == "Page.javascriptDialogOpening":
            self.problem(f"dialog opened ({params.get('type', 'alert')}): {short(params.get('message', ''))}")
            if self.devtools is not None:
                self.devtools.send("Page.handleJavaScriptDialog", {"accept": False})


def check(report, screenshot, max_seconds, executable=None, browser=None):
    """Runs the check; returns (problems, figures). Raises CheckError when it cannot run.

    Starts and closes its own Chromium (`executable`), or opens a new tab in `browser`, a
    started `Browser` the caller closes (the fixture tests share one).
    """
    path = os.path.abspath(report)
    if not os.path.isfile(path):
        raise CheckError(f"no such report file: {report}")
    report_url = "file://" + urllib.parse.quote(path)
    figures = {"report": report, "bytes": os.path.getsize(path)}
    started = time.monotonic()
    own_browser = browser is None
    devtools = None
    target = None
    try:
        if own_browser:
            browser = Browser(executable)
            browser.start()
            figures["chromium_startup_ms"] = round(browser.startup_seconds * 1000, 1)
        page = PageCheck(report_url)
        devtools = DevTools(browser.websocket_url, page.on_event)
        page.devtools = devtools
        if own_browser:
            target = blank_page(devtools)
        else:
            target = devtools.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        devtools.session = devtools.call(
            "Target.attachToTarget", {"targetId": target, "flatten": True}, session=False
        )["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            devtools.call(f"{domain}.enable")
        devtools.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": VIEWPORT_WIDTH, "height": VIEWPORT_HEIGHT, "deviceScaleFactor": 1, "mobile": False},
        )

        navigated = time.monotonic()
        result = devtools.call("Page.navigate", {"url": report_url})
        if result.get("errorText"):
            raise CheckError(f"chromium could not open {report}: {result['errorText']}")
        load_timeout = max(10.0, 5 * max_seconds)
        if page.loaded is None:
            devtools.pump(load_timeout, lambda m: page.loaded is not None or page.crashed)
        if page.crashed:
            return page.problems, figures
        if page.loaded is None:
            page.problem(f"load: the load event did not fire within {load_timeout:.0f} s")
            return page.problems, figures
        figures["wall_load_ms"] = round((page.loaded - navigated) * 1000, 1)
        devtools.pump(SETTLE_SECONDS)
        # A heavy page paints after its load event: wait for the first paint before probing.
        while not evaluate(devtools, "performance.getEntriesByType('paint').length > 0"):
            if time.monotonic() - navigated > load_timeout:
                break
            devtools.pump(0.05)

        probe = evaluate(devtools, CHART_PROBE)
        charts = probe["charts"]
        figures["load_event_end_ms"] = rounded(probe["loadEventEnd"])
        figures["dom_content_loaded_ms"] = rounded(probe["domContentLoaded"])
        figures["first_paint_ms"] = rounded(probe["firstPaint"])
        figures["first_contentful_paint_ms"] = rounded(probe["firstContentfulPaint"])
        figures["charts"] = len(charts)
        figures["marks"] = sum(c["marks"] for c in charts)
        figures["page_height_px"] = probe["height"]
        if not charts:
            page.problem("charts: the page has no svg.chart")
        for chart in charts:
            name = f"chart {chart['index']}" + (f" ({short(chart['id'], 60)})" if chart["id"] else "")
            if chart["marks"] == 0:
                page.problem(f"empty chart: {name} has no .mark element")
            elif chart["width"] <= 0 or chart["height"] <= 0:
                page.problem(f"empty chart: {name} has a zero-size bounding box ({chart['width']:g}x{chart['height']:g}; hidden?)")
            elif chart["drawn"] == 0:
                page.problem(f"empty chart: {name} has {chart['marks']} .mark elements, all of zero size")

        limit_ms = max_seconds * 1000
        timings = [
            ("wall load (Page.navigate to load event)", figures["wall_load_ms"]),
            ("load event end", figures["load_event_end_ms"]),
            ("first paint", figures["first_paint_ms"]),
        ]
        for label, value in timings:
            if value is not None and value > limit_ms:
                page.problem(f"slow: {label} took {value:.0f} ms, over the {limit_ms:.0f} ms limit")
        if figures["first_paint_ms"] is None:
            page.problem(f"paint: the page reported no first paint within {load_timeout:.0f} s")

        if screenshot:
            save_screenshot(devtools, screenshot, probe["height"])
            figures["screenshot"] = screenshot

        figures["headers_clicked"] = evaluate(devtools, CLICK_HEADERS)
        devtools.pump(SETTLE_SECONDS)
        figures["requests"] = page.requests
        return page.problems, figures
    finally:
        if devtools is not None:
            if not own_browser and target is not None:
                try:
                    devtools.send("Target.closeTarget", {"targetId": target}, session=False)
                except Exception:
                    pass  # the tab goes with the browser anyway
            devtools.close()
        if own_browser and browser is not None:
            browser.close()
        figures["total_ms"] = round((time.monotonic() - started) * 1000, 1)


def blank_page(devtools):
    """The id of the about:blank tab Chromium opened at startup, or of a new one."""
    pages = [
        t for t in devtools.call("Target.getTargets", session=False).get("targetInfos", [])
        if t.get("type") == "page" and t.get("url") == "about:blank" and not t.get("attached")
    ]
    if pages:
        return pages[0]["targetId"]
    return devtools.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]


def rounded(value):
    return None if value is None else round(value, 1)


def evaluate(devtools, expression):
    result = devtools.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
    if "exceptionDetails" in result:
        raise CheckError(f"the probe script failed in the page: {short(result['exceptionDetails'].get('text', ''))}")
    return result["result"].get("value")


def save_screenshot(devtools, out, height):
    """A full-page PNG, VIEWPORT_WIDTH wide, written atomically."""
    height = max(1, int(height or VIEWPORT_HEIGHT))
    shot = devtools.call(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": VIEWPORT_WIDTH, "height": height, "scale": 1},
        },
        timeout=60,
    )
    directory = os.path.dirname(os.path.abspath(out))
    os.makedirs(directory, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".screenshot-", suffix=".png", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # mkstemp makes it 0600
        os.replace(temporary, out)
    except BaseException:
        os.unlink(temporary)
        raise


def print_figures(figures, problems, out):
    def ms(key):
        value = figures.get(key)
        return "n/a" if value is None else f"{value:.0f} ms"

    status = "FAILED" if problems else "passed"
    print(f"report check {status}: {figures['report']}", file=out)
    print(f"  size {figures['bytes']:,} bytes; {figures.get('charts', 0)} charts, {figures.get('marks', 0)} marks", file=out)
    print(
        f"  load event end {ms('load_event_end_ms')}, first paint {ms('first_paint_ms')}, "
        f"first contentful paint {ms('first_contentful_paint_ms')}, wall load {ms('wall_load_ms')}",
        file=out,
    )
    print(f"  chromium startup {ms('chromium_startup_ms')}, whole check {ms('total_ms')}", file=out)
    if figures.get("screenshot"):
        print(f"  screenshot {figures['screenshot']}", file=out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("report", help="the report.html to check")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a full-page PNG, 1280 px wide")
    parser.add_argument("--max-seconds", type=float, default=2.0, help="load and first-paint limit (default 2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on stdout")
    args = parser.parse_args(argv)
    if args.max_seconds <= 0:
        parser.error("--max-seconds must be positive")

    executable = find_chromium()
    if executable is None:
        print("check_report: chromium not found (install with: apt-get install chromium)", file=sys.stderr)
        return 2
    try:
        import websocket  # noqa: F401
    except ImportError:
        print("check_report: the Python package websocket-client is missing (pip install -r requirements.txt)", file=sys.stderr)
        return 2

    # SIGTERM unwinds like Ctrl-C, so that Chromium and its profile are cleaned up; Ctrl-C is
    # restored too, since a shell starts background jobs with SIGINT ignored.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        problems, figures = check(args.report, args.screenshot, args.max_seconds, executable)
    except CheckError as error:
        print(f"check_report: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("check_report: interrupted", file=sys.stderr)
        return 130

    for problem in problems:
        print(f"{args.report}: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps({"ok": not problems, "problems": problems, **figures}, indent=2))
    else:
        print_figures(figures, problems, sys.stdout)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
