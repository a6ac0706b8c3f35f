"""Charts as PNG for the .docx: Apache ECharts (the same library as the pages) in headless Chromium.

Python has no offline ECharts renderer, so the chart is drawn by the local echarts.min.js (from the
npm registry, settings.NODE_MODULES) in Debian's Chromium driven by Playwright, and read back with
`chart.getDataURL()`. Where Chromium, Playwright or ECharts is missing, `render` returns None with the
reason, and the bulletin says in its text that the chart was left out: no fake picture is drawn.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import tempfile
from pathlib import Path

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


def unavailable_reason():
    """None when charts can be drawn, else why not (in Chinese, for the document)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "服务器未安装Playwright"
    if chromium_path() is None:
        return "服务器未安装Chromium浏览器"
    if echarts_path() is None:
        return "服务器缺少ECharts图表库"
    return None


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<style>html,body{margin:0;background:#fff}#c{width:%(w)dpx;height:%(h)dpx}</style></head>
<body><div id="c"></div><script>%(lib)s</script></body></html>"""


def render(options_list, width=760, height=420):
    """PNG bytes for each ECharts option dict, or (None, reason) when charts cannot be drawn.

    Returns (list_of_png_bytes, None) on success. One browser serves all charts of a document.
    """
    reason = unavailable_reason()
    if reason:
        return None, reason
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
