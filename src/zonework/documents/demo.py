"""Documents demo: import the real reports beside the repository, each into its zone, committed.

Reports come from ZONEWORK_DEMO_REPORTS or `<repo>/../shared/seeds/`. Where there are none (a fresh
machine with the repository only), one demo zone is filled by the data generator instead, so every
page still has something to show. Running it again imports nothing twice.
"""



from zonework.core.demo import reports_folder as report_folder
from zonework.reading import SUPPORTED

from .choices import DocumentStatus
from .importing import import_file
from .models import SourceDocument

# Seeds whose text does not name its zone (or names it differently): file-name prefix → zone.
FALLBACK = {"000": "武汉经济技术开发区", "001": "武汉经济技术开发区", "002": "宁波国家高新区",
            "003": "温州经济技术开发区", "004": "常州国家高新区"}




def pick_zone(path, zones):
    """The zone a report belongs to: the zone its text names, else the file-name mapping."""
    from zonework.reading import ReadError, read_path

    try:
        named = read_path(path).zone or ""
    except ReadError:
        named = ""
    for zone in zones.values():
        if named and (zone.name in named or named in zone.name or (zone.short_name and zone.short_name in named)):
            return zone
    name = FALLBACK.get(path.name[:3])
    return zones.get(name) if name else None


def load(context, stdout):
    zones, actor = context["zones"], context["actor"]
    folder = report_folder()
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in SUPPORTED) if folder.is_dir() else []
    options = {"skip_incomplete": True, "skip_unknown": True, "expand_groups": True}
    for path in files:
        zone = pick_zone(path, zones)
        if zone is None:
            stdout.write(f"来源文件：{path.name} 找不到对应的开发区，跳过。")
            continue
        existing = SourceDocument.objects.filter(zone=zone, status=DocumentStatus.COMMITTED,
                                                 filename=path.name).exists()
        if existing:
            continue
        document, _created, message = import_file(path, zone, acting_user=actor, commit=True, options=options)
        stdout.write(f"来源文件：{path.name} → {zone.name}：{message}")
    if not files:
        fill_generated(zones, stdout)


def fill_generated(zones, stdout):
    """No reports at hand: a small generated data set for 武汉经济技术开发区 (labelled demo)."""
    from zonework.economy import generator
    from zonework.economy.models import Target

    zone = zones.get("武汉经济技术开发区") or next(iter(zones.values()), None)
    if zone is None or Target.objects.filter(zone=zone).exists():
        return
    indicators = generator.ensure_indicators(8)
    counts = generator.generate([zone], indicators, range(2011, 2014), months=12, replace=False)
    stdout.write(f"来源文件：没有找到工作总结（{report_folder()}），已为{zone.name}生成演示数据：{counts}。")
