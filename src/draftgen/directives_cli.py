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
    from draftgen.directives_clauses import location

    for clause in d.clauses():
        indent = "    " * clause.id.count(".") if clause.kind not in ("muc", "diem") else ("    " * clause.is_point)
        if clause.kind in ("muc", "diem"):
            label = f"{clause.letter})" if clause.is_point else f"{clause.item}."
        else:
            label = f"({location(clause)})"
        click.echo(f"{indent}[{clause.id}] {label} {clause.text}")
    if d.can_cu or d.phu_luc:
        click.echo(f"({len(d.can_cu)} dòng căn cứ, {len(d.phu_luc)} phụ lục: ghi nhận, không chọn được)")


@directives_group.command(name="import")
@click.argument("input_file", metavar="FILE", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, metavar="OUT.yaml", help="Tệp YAML kết quả.")
@click.option("--van-ban", "document", type=int, default=None,
              help="Chọn văn bản thứ N khi tệp có nhiều văn bản (ví dụ công văn kèm công điện).")
@click.option("--sua-loi", "corrections", type=click.Path(dir_okay=False), default=None,
              help="Tệp danh sách sửa lỗi nhận dạng (sua_loi: [{sai, dung}]).")
@click.option("--cap", type=click.Choice(["trung_uong", "tinh", "xa", "huyen"]), default=None,
              help="Cấp của cơ quan ban hành khi không suy ra được.")
@click.option("--loai", default=None, help="Tên loại khi văn bản không ghi rõ, ví dụ 'Chỉ thị'.")
@click.option("--so", "number", default=None, metavar="SỐ[/KÝ HIỆU]",
              help="Số, ký hiệu khi phần đầu văn bản bị mất, ví dụ 05/CT-UBND.")
@click.option("--ngay", default=None, metavar="NGÀY", help="Ngày ban hành khi thiếu, ví dụ 04/3/2020.")
@click.option("--co-quan", "issuer", default=None, help="Cơ quan ban hành viết trong câu, ví dụ 'UBND tỉnh Huế'.")
@click.option("--trich-yeu", "summary", default=None, help="Trích yếu khi phần đầu văn bản bị mất.")
@click.option("--doan-dong-trong", "blank_lines", is_flag=True,
              help="Dòng trống ngăn cách các đoạn (bản Markdown): chỉ tách đoạn sau dòng trống cuối câu.")
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
def import_directive(input_file: str, output: str, document: int | None, corrections: str | None, cap: str | None,
                     loai: str | None, number: str | None, ngay: str | None, issuer: str | None,
                     summary: str | None, blank_lines: bool, force: bool) -> None:
    """Nhập văn bản thật (.docx, .txt, .md) thành YAML có mã điều, khoản, mục, điểm."""
    from draftgen.directives_import import Given, import_file
    from draftgen.directives_io import to_yaml

    check_output_path(Path(output), force=force)  # before any work: a bad output path is exit 2
    given = Given(loai=loai, so=number, ngay=ngay, co_quan=issuer, trich_yeu=summary)
    result = import_file(input_file, corrections=corrections, document=document, cap=cap, given=given,
                         blank_lines=blank_lines)
    comment = (f"Nhập từ {Path(input_file).name} bằng 'draftgen directives import'. "
               "Kiểm tra lại chữ trước khi dùng.")
    write_bytes_atomic(Path(output), to_yaml(result.data, comment).encode("utf-8"), force=force)
    for warning in result.warnings:
        click.echo(f"Lưu ý: {warning}", err=True)
    d = result.directive
    for line in origin_lines(d, result.origins):
        click.echo(line, err=True)
    click.echo(f"Đã tạo {output}: {d.id}, {clause_summary(d)}.", err=True)


_ORIGIN = {"van_ban": "đọc từ văn bản", "suy_ra": "suy ra", "dong_lenh": "ghi ở dòng lệnh"}
_FIELDS = (("loai", "Tên loại"), ("so", "Số, ký hiệu"), ("ngay", "Ngày"), ("co_quan", "Cơ quan ban hành"),
           ("cap", "Cấp"), ("trich_yeu", "Trích yếu"))


def origin_lines(d, origins: dict[str, str]) -> list[str]:
    """"Tên loại: Chỉ thị (đọc từ văn bản)" … for each header field: what was read, inferred or given."""
    date = d.ngay.complete.strftime("%d/%m/%Y") if d.ngay and d.ngay.complete else None
    values = {"loai": d.loai, "so": d.id, "ngay": date or (str(d.ngay.nam) if d.ngay else None),
              "co_quan": d.co_quan, "cap": d.cap, "trich_yeu": d.trich_yeu}
    out = []
    for key, label in _FIELDS:
        where = _ORIGIN.get(origins.get(key, ""), "không có")
        out.append(f"  {label}: {values[key] or '…'} ({where})")
    return out


def clause_summary(d) -> str:
    """"3 điều, 7 khoản, 4 điểm" / "2 phần, 5 mục, 3 điểm" / "3 mục, 8 điểm"."""
    kinds: dict[str, int] = {}
    for clause in d.clauses():
        kinds[clause.kind] = kinds.get(clause.kind, 0) + 1
    names = (("dieu", "điều"), ("khoan", "khoản"), ("phan", "phần"), ("phan_muc", "mục"), ("muc", "mục"))
    parts = [f"{kinds[k]} {name}" for k, name in names if kinds.get(k)]
    points = sum(n for k, n in kinds.items() if k.startswith("diem") or k == "phan_diem")
    parts.append(f"{points} điểm")
    if d.can_cu:
        parts.append(f"{len(d.can_cu)} dòng căn cứ")
    if d.phu_luc:
        parts.append(f"{len(d.phu_luc)} phụ lục")
    return ", ".join(parts)
