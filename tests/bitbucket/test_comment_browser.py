"""The PR comment in a real browser: the example's comment, rendered as Bitbucket renders it
(CommonMark, HTML disabled), opened in headless Chromium, which takes a screenshot and dumps
the DOM it laid out. The findings, every environment's verdict, the schema change summary and
the locks must be there as text a reviewer sees, not as markup."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from html import unescape
from pathlib import Path

import pytest

from tests.bitbucket.test_comment_markdown import example_comment, to_html

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>dbops review</title>
<style>body {{ font-family: sans-serif; margin: 24px; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 4px; }}</style>
</head><body>{body}</body></html>
"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("DBOPS_REQUIRE_SERVICES"):
        pytest.fail("no chromium binary on PATH (apt-get install -y chromium)")
    pytest.skip(
        "no chromium binary on PATH (apt-get install -y chromium); "
        "set DBOPS_REQUIRE_SERVICES to fail instead"
    )


def run_chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        f"--user-data-dir={profile}",
        "--window-size=1200,2000",
        *args,
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_example_comment_in_a_real_browser(run_cli, tmp_path: Path) -> None:
    page = tmp_path / "comment.html"
    page.write_text(PAGE.format(body=to_html(example_comment(run_cli))), encoding="utf-8")
    screenshot = tmp_path / "comment.png"
    run_chromium(page, tmp_path / "profile", f"--screenshot={screenshot}")
    assert_non_blank_png(screenshot)
    dom = run_chromium(page, tmp_path / "profile", "--dump-dom").stdout
    assert "<table>" in dom
    # The text a reader sees: tags become spaces (cells stay apart), entities characters.
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", dom)).split()).replace(" :", ":")
    for leaked in ("<details", "<summary", "<br", "&lt;details", "&lt;br"):
        assert leaked not in dom
    assert "column-no-null" in text and 'column "name" of table t2024 can be NULL' in text
    assert "test: passes with 1 error (fail_on: never)" in text
    assert "prod: blocked by policy strict: 1 error" in text
    assert "Schema changes" in text and "t2024 added" in text
    assert "ACCESS EXCLUSIVE on public.customers" in text


def assert_non_blank_png(path: Path) -> None:
    """A PNG whose pixels are not all one colour (a blank page screenshots as all white)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (width, height) == (1200, 2000) and depth == 8
    channels = {2: 3, 6: 4}[colour]
    raw = zlib.decompress(b"".join(_chunks(data, b"IDAT")))
    stride = width * channels
    pixels = _unfiltered(raw, stride, height, channels)
    distinct = {pixels[i : i + channels] for i in range(0, len(pixels), channels * 97)}
    assert len(distinct) > 5, f"the screenshot is blank ({len(distinct)} colours)"


def _chunks(data: bytes, kind: bytes) -> list[bytes]:
    found, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        if data[position + 4 : position + 8] == kind:
            found.append(data[position + 8 : position + 8 + length])
        position += 12 + length
    return found


def _unfiltered(raw: bytes, stride: int, height: int, bpp: int) -> bytes:
    """PNG scanlines without their filters (the five of the PNG specification)."""
    out = bytearray()
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            corner = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + _paeth(left, up, corner)) & 0xFF
        out += line
        previous = line
    return bytes(out)


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def test_without_chromium_the_test_skips_or_fails_when_services_are_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("DBOPS_REQUIRE_SERVICES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no chromium binary"):
        chromium()
    monkeypatch.setenv("DBOPS_REQUIRE_SERVICES", "1")
    with pytest.raises(pytest.fail.Exception, match="no chromium binary"):
        chromium()
