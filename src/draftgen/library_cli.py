"""``draftgen templates …``: the template library of a văn thư office (init, list, show, add, lint)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from draftgen.library.findings import LintFinding

_TEMPLATES_HELP = "Thư mục thư viện mẫu (có manifest.yaml); dùng nhiều lần được; thêm vào DRAFTGEN_TEMPLATES."


def templates_option(fn):
    return click.option("--templates", "extra", multiple=True, metavar="DIR", help=_TEMPLATES_HELP)(fn)


@click.group("templates")
def templates_group() -> None:
    """Thư viện mẫu văn bản (DOCX) của văn thư: tạo, xem, thêm, soát lỗi."""


@templates_group.command("init")
@click.argument("folder", metavar="DIR")
@click.option("--force", is_flag=True, help="Ghi lại nếu thư mục đã có thư viện.")
def init_command(folder: str, force: bool) -> None:
    """Tạo thư viện mẫu ban đầu: mẫu có sẵn của mỗi nhóm loại văn bản, sửa được trong Word."""
    from draftgen.library.commands import init_library

    for entry in init_library(Path(folder), force):
        click.echo(f"{entry.ref}\t{entry.loai}\t{Path(folder) / entry.file}")
    click.echo(f"Đã tạo thư viện mẫu trong {folder} (manifest.yaml). Mở tệp DOCX trong Word để sửa, rồi "
               f"'draftgen templates add TEP.docx --id … --loai … --templates {folder}'.", err=True)


@templates_group.command("list")
@templates_option
def list_command(extra: tuple[str, ...]) -> None:
    """Liệt kê các mẫu: thư viện của --templates, DRAFTGEN_TEMPLATES, rồi mẫu có sẵn."""
    from draftgen.library.discovery import libraries

    for library in libraries(extra):
        click.echo(f"# {'mẫu có sẵn' if library.bundled else library.folder}")
        for entry in library.entries:
            click.echo(f"{entry.ref}\t{entry.loai}\t{entry.title}")


@templates_group.command("show")
@click.argument("ref", metavar="ID[@VERSION]")
@templates_option
def show_command(ref: str, extra: tuple[str, ...]) -> None:
    """Xem một mẫu: biến, vòng lặp, kiểu (style), dữ liệu mẫu thử."""
    from ruamel.yaml import YAML

    from draftgen.library.commands import show_template

    shown = show_template(ref, extra)
    entry = shown.found.entry
    click.echo(f"{entry.ref}: {entry.title}\nLoại: {entry.loai}\nTệp: {shown.found.path}")
    if entry.description:
        click.echo(f"Mô tả: {entry.description}")
    for part, log in shown.report.used.items():
        click.echo(f"Biến ({part}): {', '.join(sorted(p for p, k in log.items() if k == 'read'))}")
        loops = sorted(p for p, k in log.items() if k == "loop")
        if loops:
            click.echo(f"Vòng lặp ({part}): {', '.join(loops)}")
    click.echo(f"Kiểu: {', '.join(shown.styles)}")
    for change in entry.changelog:
        click.echo(f"Phiên bản {change.version} ({change.date or '?'}): {change.note}")
    if shown.sample:
        import io

        buffer = io.StringIO()
        yaml = YAML()
        yaml.allow_unicode = True
        yaml.dump(shown.sample, buffer)
        click.echo("Dữ liệu mẫu thử:\n" + buffer.getvalue().rstrip())


def _print_findings(source: str, findings: list[LintFinding]) -> None:
    for finding in findings:
        click.echo(f"{source}: {finding.text()}")
    click.echo(f"{source}: {'không có lỗi' if not findings else f'{len(findings)} lỗi'}.")


@templates_group.command("lint")
@click.argument("target", metavar="FILE.docx|ID")
@click.option("--json", "as_json", is_flag=True, help="Xuất kết quả dạng JSON.")
@click.option("--fix", "fix_out", metavar="OUT.docx", help="Ghi bản đã sửa (gộp thẻ bị Word cắt, thẳng ngoặc kép).")
@click.option("--force", is_flag=True, help="Ghi đè OUT.docx nếu đã có.")
@click.option("--loai", metavar="LOAI", help="Loại văn bản của mẫu (mặc định: theo manifest.yaml, hoặc cong_van).")
@templates_option
def lint_command(target: str, as_json: bool, fix_out: str | None, force: bool, loai: str | None,
                 extra: tuple[str, ...]) -> None:
    """Soát lỗi một mẫu DOCX. Mã thoát: 0 không lỗi, 1 có lỗi, 2 không đọc được tệp."""
    from draftgen.atomic import check_output_path, write_bytes_atomic
    from draftgen.library.commands import lint_target
    from draftgen.library.lint import fix_bytes, lint_bytes

    if fix_out:
        check_output_path(Path(fix_out), force=force)
    report, entry = lint_target(target, loai, extra)
    findings, fixed = report.findings, None
    if fix_out:
        data, fixed = fix_bytes(report)
        write_bytes_atomic(Path(fix_out), data, force=force)
        findings = lint_bytes(data, fix_out, report.loai, entry, Path(fix_out)).findings
    if as_json:
        click.echo(json.dumps({"file": report.source, "loai": report.loai, "fixed": fixed, "output": fix_out,
                               "findings": [f.as_json() for f in findings]}, ensure_ascii=False, indent=2))
    else:
        if fix_out:
            click.echo(f"Đã sửa {fixed} thẻ, ghi {fix_out}.", err=True)
        _print_findings(fix_out or report.source, findings)
    raise SystemExit(1 if findings else 0)


@templates_group.command("add")
@click.argument("file", metavar="FILE.docx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "entry_id", required=True, metavar="ID", help="Mã mẫu, ví dụ cong-van-so-noi-vu.")
@click.option("--loai", required=True, metavar="LOAI", help="Loại văn bản mà mẫu điền (cong_van, ke_hoach …).")
@click.option("--title", metavar="TEXT", help="Tên mẫu (tiếng Việt).")
@click.option("--note", metavar="TEXT", help="Ghi chú của phiên bản (nhật ký thay đổi).")
@templates_option
def add_command(file: Path, entry_id: str, loai: str, title: str | None, note: str | None,
                extra: tuple[str, ...]) -> None:
    """Soát lỗi rồi thêm một mẫu DOCX vào thư viện, với phiên bản mới."""
    from draftgen.library.commands import add_folder, add_template
    from draftgen.library.manifest import Entry

    try:
        Entry(id=entry_id, version="1", loai=loai, title="-", file="-")
    except Exception as exc:  # noqa: BLE001 - pydantic's message, said in Vietnamese with the option named
        from pydantic import ValidationError

        from draftgen.errors import InputError, Problem
        from draftgen.messages import problems_from_validation

        if isinstance(exc, ValidationError):
            problems = problems_from_validation(exc)
            raise InputError([Problem(p.message, field=f"--{p.field}") for p in problems]) from None
        raise
    entry, report = add_template(file, entry_id, loai, add_folder(extra), title, note)
    if entry is None:
        _print_findings(str(file), report.findings)
        click.echo("Chưa thêm vào thư viện: hãy sửa các lỗi trên (hoặc 'draftgen templates lint --fix').", err=True)
        raise SystemExit(1)
    click.echo(f"Đã thêm {entry.ref} ({entry.file}, sha256 {entry.sha256[:12]}…).")


@templates_group.command("from-docx")
@click.argument("letter", metavar="LETTER.docx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, metavar="TEMPLATE.docx", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp mẫu DOCX sẽ tạo (manifest.yaml được ghi cùng thư mục).")
@click.option("--loai", metavar="LOAI", help="Loại văn bản (hiện có: cong_van); mặc định: nhận ra từ văn bản.")
@click.option("--id", "entry_id", metavar="ID", help="Mã mẫu trong manifest.yaml (mặc định: theo tên tệp mẫu).")
@click.option("--force", is_flag=True, help="Ghi đè tệp mẫu nếu đã có.")
def from_docx_command(letter: Path, output: Path, loai: str | None, entry_id: str | None, force: bool) -> None:
    """Làm mẫu từ một văn bản thật của cơ quan: thay các thành phần (số, ngày, trích yếu, Kính gửi, nội dung,
    nơi nhận, người ký) bằng chỗ điền, giữ định dạng của cơ quan."""
    from draftgen.library.fromdocx import describe
    from draftgen.library.fromdocx_command import from_docx

    result = from_docx(letter, output, loai, entry_id, force)
    for line in describe(result.made):
        click.echo(line)
    if result.sample_problems:
        click.echo("Dữ liệu mẫu thử lấy từ văn bản chưa hợp lệ nên không ghi vào manifest.yaml: "
                   + "; ".join(result.sample_problems))
    click.echo(f"Đã tạo {output} và mục {result.entry.ref} trong {output.parent / 'manifest.yaml'}.", err=True)
    _print_findings(str(output), result.report.findings)
    raise SystemExit(1 if result.report.findings else 0)
