"""``draftgen directives list | show ID | import FILE -o OUT.yaml``: the parent-directive library."""

from __future__ import annotations

from pathlib import Path

import click

from draftgen.atomic import check_output_path, write_bytes_atomic

library_option = click.option(
    "--library", "libraries", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
    help="Thư mục thư viện văn bản của cơ quan (nhiều lần được; thêm biến môi trường DRAFTGEN_LIBRARY).",
)


@click.group(name="directives")
def directives_group() -> None:
    """Thư viện văn bản cấp trên (công điện, chỉ thị, công văn …) để chuyển tiếp xuống cấp dưới."""


@directives_group.command(name="list")
@library_option
def list_directives(libraries: tuple[str, ...]) -> None:
    """Liệt kê các văn bản trong thư viện."""
    from draftgen.directives import Library

    for entry in Library(libraries).entries():
        d = entry.directive
        date = d.ngay.complete.strftime("%d/%m/%Y") if d.ngay and d.ngay.complete else "…"
        click.echo(f"{d.id}\t{d.loai}\t{date}\t{d.co_quan}\t{d.trich_yeu}\t({entry.path})")


@directives_group.command(name="show")
@click.argument("directive_id", metavar="ID")
@library_option
def show_directive(directive_id: str, libraries: tuple[str, ...]) -> None:
    """In một văn bản với mã các mục, điểm (1, 1.a, 1.đ, 2 …) để chọn trong 'clauses'."""
    from draftgen.directives import Library

    d = Library(libraries).get(directive_id)
    click.echo(d.reference(full=True))
    click.echo(f"Cấp: {d.cap}")
    for clause in d.clauses():
        label = f"{clause.letter})" if clause.is_point else f"{clause.item}."
        indent = "    " if clause.is_point else ""
        click.echo(f"{indent}[{clause.id}] {label} {clause.text}")


@directives_group.command(name="import")
@click.argument("input_file", metavar="FILE", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, metavar="OUT.yaml", help="Tệp YAML kết quả.")
@click.option("--van-ban", "document", type=int, default=None,
              help="Chọn văn bản thứ N khi tệp có nhiều văn bản (ví dụ công văn kèm công điện).")
@click.option("--sua-loi", "corrections", type=click.Path(dir_okay=False), default=None,
              help="Tệp danh sách sửa lỗi nhận dạng (sua_loi: [{sai, dung}]).")
@click.option("--cap", type=click.Choice(["trung_uong", "tinh", "xa", "huyen"]), default=None,
              help="Cấp của cơ quan ban hành khi không suy ra được.")
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
def import_directive(input_file: str, output: str, document: int | None, corrections: str | None, cap: str | None,
                     force: bool) -> None:
    """Nhập văn bản thật (.docx, .txt, .md) thành YAML có mã mục, điểm."""
    from draftgen.directives_import import import_file
    from draftgen.directives_io import to_yaml

    check_output_path(Path(output), force=force)  # before any work: a bad output path is exit 2
    result = import_file(input_file, corrections=corrections, document=document, cap=cap)
    comment = (f"Nhập từ {Path(input_file).name} bằng 'draftgen directives import'. "
               "Kiểm tra lại chữ trước khi dùng.")
    write_bytes_atomic(Path(output), to_yaml(result.data, comment).encode("utf-8"), force=force)
    for warning in result.warnings:
        click.echo(f"Lưu ý: {warning}", err=True)
    d = result.directive
    points = sum(1 for c in d.clauses() if c.is_point)
    click.echo(f"Đã tạo {output}: {d.id}, {len(d.muc)} mục, {points} điểm.", err=True)
