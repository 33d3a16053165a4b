"""Parent cycles, unusable output paths and the mode of every written file."""

from __future__ import annotations

import csv
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from batch.helpers import LETTER, UNITS_HEADER, UNITS_ROWS

from .helpers import EXAMPLE, ROOT, assert_clean_refusal, run

CASCADE = ROOT / "examples" / "cascade"


def _commune_copy(folder: Path) -> Path:
    for name in ("tinh-dak-lak-2025.yaml", "xa-hoa-phu-2025.yaml"):
        shutil.copy(CASCADE / name, folder / name)
    return folder / "xa-hoa-phu-2025.yaml"


def _set_parent(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_letter_naming_itself_as_parent(tmp_path: Path) -> None:
    letter = _commune_copy(tmp_path)
    _set_parent(letter, "  - file: tinh-dak-lak-2025.yaml", "  - file: xa-hoa-phu-2025.yaml")
    out = tmp_path / "out.docx"
    err = assert_clean_refusal(run("render", str(letter), "-o", str(out)), "parents", "lặp vòng",
                               "xa-hoa-phu-2025.yaml → xa-hoa-phu-2025.yaml")
    assert "RecursionError" not in err and not out.exists()


def test_two_letters_in_a_cycle(tmp_path: Path) -> None:
    letter = _commune_copy(tmp_path)
    province = tmp_path / "tinh-dak-lak-2025.yaml"
    _set_parent(province, "  - 968/CĐ-TTg", "  - 968/CĐ-TTg\n  - file: xa-hoa-phu-2025.yaml")
    assert_clean_refusal(run("validate", str(letter)), "parents", "lặp vòng")
    assert_clean_refusal(run("render", str(letter), "-o", str(tmp_path / "o.docx")), "parents",
                         "tinh-dak-lak-2025.yaml → xa-hoa-phu-2025.yaml → tinh-dak-lak-2025.yaml")


def test_three_letters_in_a_cycle_through_a_subfolder(tmp_path: Path) -> None:
    letter = _commune_copy(tmp_path)
    sub = tmp_path / "tinh"
    sub.mkdir()
    (tmp_path / "tinh-dak-lak-2025.yaml").rename(sub / "tinh.yaml")
    _set_parent(letter, "  - file: tinh-dak-lak-2025.yaml", "  - file: tinh/tinh.yaml")
    shutil.copy(sub / "tinh.yaml", sub / "so.yaml")
    _set_parent(sub / "tinh.yaml", "  - 968/CĐ-TTg", "  - file: so.yaml")
    _set_parent(sub / "so.yaml", "  - 968/CĐ-TTg", "  - file: ../xa-hoa-phu-2025.yaml")
    assert_clean_refusal(run("render", str(letter), "-o", str(tmp_path / "o.docx")), "parents", "lặp vòng")
    assert not (tmp_path / "o.docx").exists()


def test_the_same_parent_twice_is_not_a_cycle(tmp_path: Path) -> None:
    letter = _commune_copy(tmp_path)
    _set_parent(letter, "  - file: tinh-dak-lak-2025.yaml",
                "  - file: tinh-dak-lak-2025.yaml\n  - file: ./tinh-dak-lak-2025.yaml")
    proc = run("validate", str(letter))
    assert "lặp vòng" not in proc.stderr.decode()


@pytest.mark.parametrize("kind", ["directory", "missing-folder", "file-as-folder", "existing"])
def test_unusable_output_path(tmp_path: Path, kind: str) -> None:
    target = {"directory": tmp_path, "missing-folder": tmp_path / "nope" / "x.docx",
              "file-as-folder": tmp_path / "plain.txt" / "x.docx", "existing": tmp_path / "plain.txt"}[kind]
    (tmp_path / "plain.txt").write_text("giữ nguyên", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    words = {"directory": "thư mục", "missing-folder": "không tồn tại", "file-as-folder": "không phải là thư mục",
             "existing": "--force"}[kind]
    assert_clean_refusal(run("render", str(EXAMPLE), "-o", str(target)), words)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "plain.txt").read_text(encoding="utf-8") == "giữ nguyên"
    out_yaml = target if kind != "directory" else tmp_path
    seed = next((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
    assert_clean_refusal(run("directives", "import", str(seed), "-o", str(out_yaml)), words)


def _readonly_mount(folder: Path) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
    elif not _readonly_mount(folder):
        pytest.skip("root cannot be kept out by chmod and mount is not permitted here")
    try:
        err = assert_clean_refusal(run("render", str(EXAMPLE), "-o", str(folder / "x.docx")), "quyền ghi")
        assert str(folder) in err
        assert list(folder.iterdir()) == []
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(folder)], capture_output=True)
        folder.chmod(0o755)


def _modes(folder: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_honour_the_umask(tmp_path: Path, umask: int, expected: int) -> None:
    letter = tmp_path / "letter.yaml"
    letter.write_text(LETTER, encoding="utf-8")
    units = tmp_path / "units.csv"
    with open(units, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([UNITS_HEADER, *UNITS_ROWS])
    out = tmp_path / "out"
    code = (f"import os, sys; os.umask({umask}); from draftgen.cli import main; "
            "sys.argv = ['draftgen'] + sys.argv[1:]; main()")
    for args in (["render", str(EXAMPLE), "-o", str(tmp_path / "one.docx")],
                 ["batch", str(letter), "--units", str(units), "--out", str(out), "--zip", str(tmp_path / "all.zip")],
                 ["schema", "-o", str(tmp_path / "schema.json")]):
        proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True)
        assert proc.returncode == 0, proc.stderr.decode()
    modes = {**_modes(tmp_path), **{f"out/{k}": v for k, v in _modes(out).items()}}
    written = {k: v for k, v in modes.items() if k not in ("letter.yaml", "units.csv")}
    assert {"one.docx", "all.zip", "schema.json", "out/manifest.json", "out/manifest.csv"} <= set(written)
    assert len([k for k in written if k.startswith("out/") and k.endswith(".docx")]) == len(UNITS_ROWS)
    assert all(mode == expected for mode in written.values()), {k: oct(v) for k, v in written.items()}
