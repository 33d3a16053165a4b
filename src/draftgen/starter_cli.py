"""``draftgen new``: write the commented starter YAML of a document type (:mod:`draftgen.starter`)."""

from __future__ import annotations

from pathlib import Path

import click

from draftgen.atomic import check_output_path, write_bytes_atomic
from draftgen.errors import InputError, Problem


def _type_list() -> str:
    from draftgen.doctypes.registry import doc_types

    width = max(len(k) for k in doc_types())
    return "\n".join(f"  {key:<{width}}  {t.ten} (Mẫu {t.mau})" for key, t in doc_types().items())


@click.command("new")
@click.argument("loai", required=False, metavar="LOAI")
@click.option("-o", "--output", metavar="FILE.yaml",
              help="Tệp YAML sẽ tạo ('-' = stdout); mặc định <loai>.yaml trong thư mục hiện tại.")
@click.option("--list", "list_types", is_flag=True, help="Liệt kê các loại văn bản có thể tạo.")
@click.option("--schema", "schema_ref", metavar="PATH|URL",
              help="Đường dẫn JSON Schema ghi ở dòng đầu cho trình soạn thảo (mặc định: schema cài kèm draftgen).")
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
def new_command(loai: str | None, output: str | None, list_types: bool, schema_ref: str | None, force: bool) -> None:
    """Tạo tệp YAML mẫu có chú thích cho một loại văn bản, để điền rồi chạy 'draftgen render'."""
    from draftgen.doctypes.registry import doc_types, get_type
    from draftgen.resources import schemas_dir
    from draftgen.starter import starter_yaml

    if list_types:
        click.echo("Các loại văn bản (draftgen new LOAI):\n" + _type_list())
        return
    if not loai:
        raise InputError(Problem("thiếu loại văn bản; ví dụ: draftgen new cong_van. Các loại:\n" + _type_list(),
                                 field="LOAI"))
    if loai not in doc_types():
        raise InputError(Problem(f"loại văn bản '{loai}' chưa có. Các loại:\n" + _type_list(), field="LOAI"))
    target = output or f"{loai.replace('_', '-')}.yaml"
    if target != "-":
        check_output_path(Path(target), force=force)
    ref = schema_ref or str(schemas_dir() / get_type(loai).schema)
    data = starter_yaml(loai, schema_ref=ref).encode("utf-8")
    if target == "-":
        click.get_binary_stream("stdout").write(data)
        return
    write_bytes_atomic(Path(target), data, force=force)
    click.echo(f"Đã tạo {target}. Thay các chỗ \"<ví dụ: …>\" rồi chạy: draftgen render {target}", err=True)
