"""The five real seed reports, scored against the hand-checked gold by the shared scorer."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zonework.reading import read_path
from zonework.reading.cli import main

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS, GOLD, SCORER = SHARED / "seeds", SHARED / "gold", SHARED / "tools" / "score_extraction.py"


def _need_seeds():
    if not (SEEDS.is_dir() and GOLD.is_dir() and SCORER.is_file()):
        pytest.skip(f"seed reports not found beside the repository ({SHARED})")


def test_seed_reports_reach_f1_095_on_every_kind(tmp_path):
    """Each kind (results, targets, tasks, projects) scores F1 ≥ 0.95 against the gold files."""
    _need_seeds()
    for seed in sorted(SEEDS.glob("*.txt")):
        result = read_path(seed)
        (tmp_path / f"{seed.name}.json").write_text(result.to_json(), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(tmp_path),
                          "--min-f1", "0.95", "--show"], capture_output=True, text=True)
    print(run.stdout)
    assert run.returncode == 0, run.stdout + run.stderr


def test_seed_top_level_fields_match_gold():
    _need_seeds()
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        got = read_path(SEEDS / gold["file"]).to_dict()
        assert (got["zone"], got["report_year"], got["plan_year"]) == (
            gold["zone"], gold["report_year"], gold["plan_year"]), gold["file"]


def test_cli_writes_one_json_per_file_and_reports_unreadable_ones(tmp_path, capsys):
    """`zonework read` writes DIR/<name>.json, says in Chinese which file failed, exits non-zero."""
    good = tmp_path / "report.txt"
    good.write_text("某开发区2020年工作总结\n全区实现地区生产总值100亿元,增长5%。", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    code = main([str(empty), str(good), "--out", str(out)])
    assert code == 1
    assert "无法读取" in capsys.readouterr().err
    data = json.loads((out / "report.txt.json").read_text(encoding="utf-8"))
    assert data["results"][0]["value"] == 100
    assert not (out / "empty.txt.json").exists()


def test_cli_prints_json_when_no_out_dir(tmp_path, capsys):
    good = tmp_path / "r.txt"
    good.write_text("某开发区2020年工作总结\n全区实现地区生产总值100亿元,增长5%。", encoding="utf-8")
    assert main([str(good), "--brief"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["file"] == "r.txt" and "articles" not in printed
