""".doc (Word 97-2003) and .wps (WPS Office) files, converted to .docx by LibreOffice headless.

Each conversion runs in its own temporary folder with its own LibreOffice profile
(-env:UserInstallation): a shared profile is locked by a running soffice, and a second conversion
started meanwhile would exit without converting anything.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ReadError

TIMEOUT = 180  # seconds; a file LibreOffice chokes on must not hold the reading job forever
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: Word 97-2003, and WPS Office's own .wps


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing(suffix: str) -> str | None:
    if soffice():
        return None
    return (f"服务器未安装 LibreOffice，无法读取 {suffix} 文件。请另存为 .docx、.pdf 或 .txt 后再上传，"
            "或请管理员安装 libreoffice-writer-nogui")


def _convert(data: bytes, suffix: str, tmp: Path) -> bytes | None:
    src = tmp / f"in{suffix}"
    src.write_bytes(data)
    out = tmp / "out"
    subprocess.run([soffice(), f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                    "--norestore", "--convert-to", "docx", "--outdir", str(out), str(src)],
                   capture_output=True, timeout=TIMEOUT, check=False)
    target = out / "in.docx"
    return target.read_bytes() if target.is_file() and target.stat().st_size else None


def to_docx(data: bytes, name: str) -> bytes:
    """The .docx bytes of a .doc or .wps upload; ReadError with a Chinese message if it cannot be."""
    suffix = Path(name).suffix.lower()
    why = missing(suffix)
    if why:
        raise ReadError(why, code="no_office", file_name=name)
    # WPS Office writes .wps as a Word-compatible compound file, which LibreOffice opens as .doc;
    # under its own suffix LibreOffice would try the Microsoft Works filter. Other .wps files
    # (Microsoft Works) go through under their suffix.
    tries = [".doc"] if data.startswith(_OLE) else [suffix]
    if suffix not in tries:
        tries.append(suffix)
    try:
        for attempt in tries:
            with tempfile.TemporaryDirectory(prefix="zonework-office-") as tmp:
                converted = _convert(data, attempt, Path(tmp))
            if converted:
                return converted
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"LibreOffice 转换 {suffix} 文件超时（超过 {TIMEOUT} 秒）", code="corrupt",
                        file_name=name) from exc
    except OSError as exc:
        raise ReadError(f"无法启动 LibreOffice 转换 {suffix} 文件：{exc.strerror or exc}", code="no_office",
                        file_name=name) from exc
    raise ReadError(f"{suffix} 文件已损坏或不是 Word/WPS 文档，LibreOffice 无法转换", code="corrupt",
                    file_name=name)
