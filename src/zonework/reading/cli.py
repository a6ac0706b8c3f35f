"""`zonework read FILE... [--out DIR]`: print or write the spec JSON of each file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import ReadError
from .reader import read_path
from .sources import DEFAULT_MAX_BYTES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zonework read",
                                     description="读取开发区工作报告，输出指标实绩、目标、任务和项目（JSON）")
    parser.add_argument("files", nargs="+", metavar="FILE", help=".txt / .docx / .pdf / .html")
    parser.add_argument("--out", metavar="DIR", help="把结果写到 DIR/<文件名>.json，而不是打印")
    parser.add_argument("--max-mb", type=float, default=DEFAULT_MAX_BYTES / 1048576,
                        help="文件大小上限（MB），默认 64")
    parser.add_argument("--brief", action="store_true", help="只输出规范字段，不含文章结构")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else None
    if out:
        out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name in args.files:
        try:
            result = read_path(name, max_bytes=int(args.max_mb * 1048576))
        except ReadError as exc:
            failed += 1
            print(f"无法读取 {name}：{exc.message_zh}", file=sys.stderr)
            continue
        payload = json.dumps(result.to_dict(with_articles=not args.brief), ensure_ascii=False, indent=2)
        if out:
            (out / f"{Path(name).name}.json").write_text(payload + "\n", encoding="utf-8")
        else:
            print(payload)
    if failed:
        print(f"{failed} 个文件未能读取", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
