"""Charts as PNG for the .docx, drawn by Apache ECharts (the same library as the pages).

First choice, needing no browser: ECharts' server-side SVG rendering in Node (`node/echarts_ssr.js`,
one Node process per document, or one per report job inside `shared_renderer()`), the SVG turned into PNG by CairoSVG or Debian's rsvg-convert. Node is
already needed for the npm assets, so every install, the demo included, gets its charts this way.
Fallback: the local echarts.min.js in Debian's Chromium driven by Playwright, read back with
`chart.getDataURL()`. Where neither works, `render` returns None with the reason, and the document
leaves the chart out; the reason goes to the page and the log, never into the official text.
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import json
import logging
import os
import selectors
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

logger = logging.getLogger(__name__)

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def echarts_path():
    from django.conf import settings

    base = Path(settings.NODE_MODULES)
    path = base / "echarts" / "dist" / "echarts.min.js"
    return path if path.exists() else None


def chromium_path():
    configured = os.environ.get("ZONEWORK_CHROMIUM")
    for candidate in ((configured,) if configured else ()) + CHROMIUM_CANDIDATES:
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


SSR_SCRIPT = Path(__file__).with_name("node") / "echarts_ssr.js"
SSR_TIMEOUT = 120


def node_path():
    return os.environ.get("ZONEWORK_NODE") or shutil.which("node") or shutil.which("nodejs")


def _cairosvg():
    try:
        import cairosvg
    except (ImportError, OSError):  # OSError: the package is there but libcairo is not
        return None
    return cairosvg


def svg_converter():
    """"cairosvg", "rsvg-convert" or None: what turns an SVG into a PNG here."""
    if _cairosvg() is not None:
        return "cairosvg"
    if shutil.which("rsvg-convert"):
        return "rsvg-convert"
    return None


def ssr_reason():
    """None when Node can draw the charts without a browser, else why not."""
    if echarts_path() is None:
        return "服务器缺少ECharts图表库（npm ci）"
    if node_path() is None:
        return "服务器未安装Node.js"
    if svg_converter() is None:
        return "服务器未安装CairoSVG或rsvg-convert"
    return None


def browser_reason():
    """None when Chromium can draw the charts, else why not."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "服务器未安装Playwright"
    if chromium_path() is None:
        return "服务器未安装Chromium浏览器"
    if echarts_path() is None:
        return "服务器缺少ECharts图表库"
    return None


def unavailable_reason():
    """None when charts can be drawn one way or the other, else why not (in Chinese, for the page)."""
    ssr, browser = ssr_reason(), browser_reason()
    if ssr is None or browser is None:
        return None
    return f"{ssr}；{browser}"


def _svg_to_png(svg, width, height, scale=2):
    if svg_converter() == "cairosvg":
        return _cairosvg().svg2png(bytestring=svg.encode("utf-8"), output_width=width * scale,
                                   output_height=height * scale, background_color="white")
    done = subprocess.run(["rsvg-convert", "-w", str(width * scale), "-h", str(height * scale), "-b", "white",
                           "-f", "png"], input=svg.encode("utf-8"), capture_output=True, timeout=SSR_TIMEOUT)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace")[:200])
    return done.stdout


class _NodeRenderer:
    """One Node process answering a line per request (`echarts_ssr.js --lines`), started on first use and
    restarted if it died; every read has the same time limit as a one-off process."""

    def __init__(self):
        self.proc = None
        self.errors = None

    def _start(self):
        # Kept open for the process's life (closed in close()): a pipe would block Node once it filled.
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115
        self.proc = subprocess.Popen([node_path(), str(SSR_SCRIPT), str(echarts_path().parent.parent), "--lines"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors)

    def _stderr(self):
        self.errors.seek(0)
        text = self.errors.read().decode("utf-8", "replace").strip()
        return text.splitlines()[-1][:200] if text else f"node exit {self.proc.poll()}"

    def ask(self, payload):
        if self.proc is None or self.proc.poll() is not None:
            self.close()
            self._start()
        try:
            self.proc.stdin.write(payload.encode("utf-8") + b"\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            self.close()
            raise RuntimeError(str(exc)) from exc
        line = self._read_line()
        answer = json.loads(line.decode("utf-8"))
        if "error" in answer:
            raise RuntimeError(answer["error"][:200])
        return answer["svgs"]

    def _read_line(self):
        deadline = time.monotonic() + SSR_TIMEOUT
        chunks = []
        fd = self.proc.stdout.fileno()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    self.close()
                    raise RuntimeError(f"图表生成超过{SSR_TIMEOUT}秒")
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    reason = self._stderr()
                    self.close()
                    raise RuntimeError(reason)
                chunks.append(chunk)
                if chunk.endswith(b"\n"):
                    return b"".join(chunks)

    def close(self):
        if self.proc is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None
        if self.errors is not None:
            self.errors.close()
            self.errors = None


_renderer = contextvars.ContextVar("zonework_chart_renderer", default=None)


@contextlib.contextmanager
def shared_renderer():
    """Inside, every document's charts are drawn by one Node process: a job writing 230 bulletins starts
    Node and loads ECharts once, not 230 times. Nested uses share the outer one."""
    if _renderer.get() is not None:
        yield
        return
    renderer = _NodeRenderer()
    token = _renderer.set(renderer)
    try:
        yield
    finally:
        _renderer.reset(token)
        renderer.close()


def render_svg(options_list, width=760, height=420):
    """SVG text for each option dict, from one Node process (raises RuntimeError with the reason)."""
    payload = json.dumps({"width": width, "height": height,
                          "charts": [{"animation": False, **o} for o in options_list]}, default=float)
    shared = _renderer.get()
    if shared is not None:
        return shared.ask(payload)
    try:
        done = subprocess.run([node_path(), str(SSR_SCRIPT), str(echarts_path().parent.parent)],
                              input=payload.encode("utf-8"), capture_output=True, timeout=SSR_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(str(exc)) from exc
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1][:200]
                           if done.stderr.strip() else f"node exit {done.returncode}")
    return json.loads(done.stdout.decode("utf-8"))


def _render_ssr(options_list, width, height):
    try:
        return [_svg_to_png(svg, width, height) for svg in render_svg(options_list, width, height)], None
    except (RuntimeError, ValueError, OSError, subprocess.TimeoutExpired) as exc:
        logger.warning("server-side chart rendering failed: %s", exc)
        return None, f"图表生成失败（{str(exc)[:80]}）"


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<style>html,body{margin:0;background:#fff}#c{width:%(w)dpx;height:%(h)dpx}</style></head>
<body><div id="c"></div><script>%(lib)s</script></body></html>"""


def render(options_list, width=760, height=420):
    """PNG bytes for each ECharts option dict, or (None, reason) when charts cannot be drawn.

    Returns (list_of_png_bytes, None) on success. Node without a browser when it can; otherwise one
    browser serves all charts of a document.
    """
    reason = unavailable_reason()
    if reason:
        logger.info("charts left out: %s", reason)
        return None, reason
    if ssr_reason() is None:
        pngs, failure = _render_ssr(options_list, width, height)
        if pngs is not None or browser_reason() is not None:
            return pngs, failure
    return _render_browser(options_list, width, height)


def _render_browser(options_list, width, height):
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    lib = echarts_path().read_text(encoding="utf-8")
    pngs = []
    with tempfile.TemporaryDirectory(prefix="zonework-charts-") as tmp:
        env = {**os.environ, "XDG_CONFIG_HOME": tmp, "XDG_CACHE_HOME": tmp, "HOME": tmp}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS, env=env)
                try:
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.set_content(PAGE % {"w": width, "h": height, "lib": lib})
                    for options in options_list:
                        options = {"animation": False, **options}
                        url = page.evaluate(
                            """(opts) => {
                                const el = document.getElementById('c');
                                const old = echarts.getInstanceByDom(el); if (old) old.dispose();
                                const chart = echarts.init(el, null, {renderer: 'canvas'});
                                chart.setOption(opts);
                                return chart.getDataURL({type: 'png', pixelRatio: 2, backgroundColor: '#fff'});
                            }""",
                            json.loads(json.dumps(options, default=float)),
                        )
                        pngs.append(base64.b64decode(url.split(",", 1)[1]))
                finally:
                    browser.close()
        except PlaywrightError as exc:
            return None, f"图表生成失败（{str(exc).splitlines()[0][:80]}）"
    return pngs, None


FONT = "'Noto Sans CJK SC','Microsoft YaHei','SimHei',sans-serif"


def progress_chart(names, progress, time_pct, title):
    """Bars of 完成进度 per indicator against a line at 时序进度."""
    return {
        "title": {"text": title, "left": "center", "textStyle": {"fontFamily": FONT, "fontSize": 16}},
        "textStyle": {"fontFamily": FONT},
        "grid": {"left": 60, "right": 30, "top": 50, "bottom": 110},
        "xAxis": {"type": "category", "data": names, "axisLabel": {"interval": 0, "rotate": 30, "fontSize": 11}},
        "yAxis": {"type": "value", "name": "%", "axisLabel": {"formatter": "{value}"}},
        "series": [{
            "type": "bar", "name": "完成进度", "data": progress, "barMaxWidth": 36,
            "label": {"show": True, "position": "top", "formatter": "{c}%"},
            "itemStyle": {"color": "#2f6fb3"},
            "markLine": {"symbol": "none", "data": [{"yAxis": time_pct, "name": "时序进度"}],
                         "lineStyle": {"color": "#c0392b", "type": "dashed", "width": 2},
                         "label": {"formatter": f"时序进度 {time_pct}%", "position": "insideEndTop"}},
        }],
    }


def growth_chart(months, series, title):
    """Lines of 1-N月 同比增速 by month for a few indicators."""
    return {
        "title": {"text": title, "left": "center", "textStyle": {"fontFamily": FONT, "fontSize": 16}},
        "textStyle": {"fontFamily": FONT},
        "legend": {"bottom": 0, "textStyle": {"fontSize": 11}},
        "grid": {"left": 60, "right": 30, "top": 50, "bottom": 70},
        "xAxis": {"type": "category", "data": [f"1-{m}月" if m > 1 else "1月" for m in months]},
        "yAxis": {"type": "value", "name": "同比(%)"},
        "series": [{"type": "line", "name": name, "data": data, "connectNulls": True, "symbolSize": 6}
                   for name, data in series],
    }
