"""``draftgen check FILE.docx|FOLDER … [--loai LOAI]``: exit 0 clean, 1 errors found, 2 a file cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


def check_path(path: str, loai: str | None = None) -> Any:
    """:func:`draftgen.check.engine.check_path`, imported when a file is checked (not for ``draftgen --help``)."""
    from draftgen.check.engine import check_path as check

    return check(path, loai=loai)


def expand_folders(paths: tuple[str, ...]) -> tuple[str, ...]:
    """Each folder given replaced by the DOCX files under it (sub-folders too, in name order), as an office checks
    a whole batch's folder at once; Word's lock files ("~$…") and hidden files are left out. A folder without a
    DOCX is a usage error (exit 2)."""
    out: list[str] = []
    for path in paths:
        folder = Path(path)
        if not folder.is_dir():
            out.append(path)
            continue
        found = sorted((p for p in folder.rglob("*") if p.suffix.lower() == ".docx" and p.is_file()
                        and not any(part.startswith((".", "~$")) for part in p.relative_to(folder).parts)),
                       key=lambda p: p.relative_to(folder).parts)
        if not found:
            raise click.UsageError(f"Thư mục '{path}' không có tệp .docx nào để kiểm tra.")
        out.extend(str(p) for p in found)
    return tuple(out)


@click.command("check")
@click.argument("files", nargs=-1, required=False, type=click.Path(path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Xuất kết quả dạng JSON.")
@click.option("--no-warnings", is_flag=True, help="Chỉ báo lỗi, bỏ qua cảnh báo.")
@click.option("--list-rules", is_flag=True, help="Liệt kê các quy tắc kiểm tra rồi thoát.")
@click.option("--loai", metavar="LOAI", default=None,
              help="Kiểm tra như loại văn bản này (cong_van, chi_thi, ke_hoach, quyet_dinh, bien_ban …) thay vì tự "
                   "nhận diện theo tên loại, ký hiệu.")
@click.option("--pages", is_flag=True,
              help="Kiểm tra cả trang in (cần LibreOffice): Quốc hiệu một dòng, chữ ký không đứng một mình, "
                   "Nơi nhận ngang chữ ký, số trang, số ký hiệu không bị ngắt dòng.")
def check_command(files: tuple[str, ...], as_json: bool, no_warnings: bool, list_rules: bool,
                  loai: str | None, pages: bool) -> None:
    """Kiểm tra thể thức văn bản DOCX theo Nghị định 30/2020/NĐ-CP.

    FILES: các tệp .docx, hoặc thư mục (kiểm tra mọi tệp .docx trong đó, kể cả thư mục con, ví dụ thư mục
    kết quả của draftgen batch)."""
    # the checker and its profile are imported here, when the command runs: every other command starts faster
    from draftgen.check.doctype import loai_keys
    from draftgen.check.engine import UnreadableDocument, has_errors
    from draftgen.check.findings import REGISTRY
    from draftgen.check.report import file_result, json_report, text_report, unreadable_text
    from draftgen.nd30.profile import default_profile

    if list_rules:
        for rule in sorted(REGISTRY.rules.values(), key=lambda r: r.id):
            click.echo(f"{rule.id}\t{rule.severity}\t{rule.basis}\t{rule.description}")
        return
    if loai is not None:
        keys = loai_keys(default_profile().raw["check"])
        if loai not in keys:
            raise click.UsageError(f"--loai '{loai}' không phải loại văn bản đã biết. Các loại: {', '.join(keys)}.")
    if not files:
        raise click.UsageError("Thiếu tệp DOCX cần kiểm tra (ví dụ: draftgen check cong-van.docx).")
    files = expand_folders(files)
    if pages:
        from draftgen.pdf.soffice import find_soffice

        find_soffice()  # before any work: without LibreOffice, say so (exit 2) rather than check half
    unreadable = False
    errors = False
    results = []

    def report(path: str, findings: Any) -> None:
        nonlocal unreadable, errors
        if isinstance(findings, UnreadableDocument):
            unreadable = True
            results.append(file_result(path, None, str(findings)))
            if not as_json:
                click.echo(unreadable_text(path, str(findings)), err=True)
            return
        if no_warnings:
            findings = findings.keep(f for f in findings if f.severity == "error")
        errors = errors or has_errors(findings)
        results.append(file_result(path, findings))
        if not as_json:
            click.echo(text_report(path, findings))

    # Each file is told as soon as it is checked and then let go: its findings hold the parsed document (about
    # 100 KB), and an office checks a whole batch at once (3,321 letters). Only --pages keeps them, to match
    # every document with its printed pages (one LibreOffice run for all).
    kept: dict[str, Any] = {}
    for path in files:
        try:
            findings: Any = check_path(path, loai=loai)
        except UnreadableDocument as exc:
            findings = exc
        if pages:
            kept[path] = findings
        else:
            report(path, findings)
        del findings  # not held while the next file is read
    if pages:
        readable = [p for p, f in kept.items() if not isinstance(f, UnreadableDocument)]
        from draftgen.check.printed import check_printed

        for path, extra in zip(readable, check_printed(readable, [kept[p].layout for p in readable]), strict=True):
            kept[path].extend(extra)
        for path in files:
            report(path, kept[path])
    if as_json:
        click.echo(json_report(results))
    raise SystemExit(2 if unreadable else 1 if errors else 0)
