"""``draftgen pdf``, ``draftgen preview``, ``draftgen doctor``: pages through LibreOffice (:mod:`draftgen.pdf`)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from draftgen.errors import InputError, Problem

if TYPE_CHECKING:  # the fonts module (and subprocess) is imported by the commands that draw pages
    from draftgen.pdf.fonts import Substitution


def tell_fonts(fonts: Substitution | None) -> None:
    """Say, once, when Times New Roman was drawn with another face."""
    if fonts is not None and fonts.message():
        click.echo(("Lưu ý: " if fonts.metric_compatible else "Cảnh báo: ") + fonts.message(), err=True)


@click.command("pdf")
@click.argument("docx_files", nargs=-1, required=True, metavar="FILE.docx…")
@click.option("--out", "out_dir", metavar="DIR", help="Thư mục ghi PDF (mặc định: cạnh từng tệp DOCX).")
@click.option("--force", is_flag=True, help="Ghi đè tệp PDF nếu đã có.")
def pdf_command(docx_files: tuple[str, ...], out_dir: str | None, force: bool) -> None:
    """Chuyển DOCX sang PDF bằng LibreOffice (một lần chạy cho mọi tệp)."""
    from draftgen.pdf.make import pdfs

    sources = [Path(f) for f in docx_files]
    for source in sources:
        if not source.is_file():
            raise InputError(Problem(f"không có tệp '{source}'.", field="FILE.docx"))
    if out_dir and not Path(out_dir).is_dir():
        raise InputError(Problem(f"thư mục '{out_dir}' không tồn tại; hãy tạo thư mục trước.", field="--out"))
    targets = [(Path(out_dir) if out_dir else s.parent) / f"{s.stem}.pdf" for s in sources]
    made = pdfs(sources, targets, force=force)
    tell_fonts(made.fonts)
    for target in made.files:
        click.echo(f"Đã tạo {target}", err=True)


@click.command("preview")
@click.argument("input_file", metavar="IN.yaml|FILE.docx")
@click.option("-o", "--output", "out_dir", required=True, metavar="DIR", help="Thư mục ghi ảnh PNG của từng trang.")
@click.option("--dpi", default=80, show_default=True, type=click.IntRange(30, 300), help="Độ phân giải ảnh.")
@click.option("--force", is_flag=True, help="Ghi đè ảnh trang đã có.")
def preview_command(input_file: str, out_dir: str, dpi: int, force: bool) -> None:
    """Ảnh PNG của từng trang văn bản (từ tệp YAML hoặc DOCX), để xem trước khi in."""
    from draftgen.pdf.make import page_pngs

    source = Path(input_file)
    if not source.is_file():
        raise InputError(Problem(f"không có tệp '{source}'.", field="IN.yaml|FILE.docx"))
    out = Path(out_dir)
    if not out.exists() and out.parent.is_dir():
        out.mkdir()
    if source.suffix.lower() == ".docx":
        made = page_pngs(source, out, source.stem, dpi, force=force)
    else:
        from draftgen.pipeline import load_letter, render_letter

        data = render_letter(load_letter(source))
        with tempfile.TemporaryDirectory(prefix="draftgen-preview-") as work:
            docx = Path(work) / f"{source.stem}.docx"
            docx.write_bytes(data)
            made = page_pngs(docx, out, source.stem, dpi, force=force)
    tell_fonts(made.fonts)
    click.echo(f"Đã tạo {len(made.files)} ảnh trang: " + ", ".join(str(p) for p in made.files), err=True)


@click.command("doctor")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def doctor_command(as_json: bool) -> None:
    """Kiểm tra máy có đủ LibreOffice, poppler và phông chữ tiếng Việt để tạo PDF và ảnh trang."""
    from draftgen.pdf.doctor import examine

    report = examine()
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    where = f" ({report.soffice})" if report.soffice else ""
    click.echo(f"LibreOffice: {report.soffice_version or 'không có'}{where}")
    click.echo("poppler-utils: " + ", ".join(f"{k} {'có' if v else 'không có'}" for k, v in report.poppler.items()))
    click.echo("Phông có chữ tiếng Việt: " + (", ".join(report.vietnamese_fonts) or "không có"))
    click.echo("Cùng độ rộng với Times New Roman: " + (", ".join(report.times_compatible) or "không có"))
    for line in report.advice:
        click.echo(f"- {line}")
    if not report.advice:
        click.echo("Đủ để tạo PDF và ảnh trang.")
