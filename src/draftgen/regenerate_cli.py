"""``draftgen regenerate OLD.docx``: the command line of draftgen.regenerate (options and printing only)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("regenerate")
@click.argument("old", metavar="OLD.docx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--template", "template_ref", metavar="ID[@VERSION]",
              help="Mẫu của thư viện để tạo lại (mặc định: mẫu có sẵn của loại văn bản).")
@click.option("-o", "--output", required=True, metavar="NEW.docx", help="Tệp DOCX tạo lại.")
@click.option("--redline", metavar="REVIEW.docx", help="Ghi thêm bản để duyệt, các thay đổi hiện dạng theo dõi "
              "(Track Changes) trong Word và LibreOffice.")
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
@click.option("--templates", "extra", multiple=True, metavar="DIR", help="Thư mục thư viện mẫu (dùng nhiều lần được).")
def regenerate_command(old: Path, template_ref: str | None, output: str, redline: str | None, force: bool,
                       extra: tuple[str, ...]) -> None:
    """Tạo lại văn bản từ dữ liệu đã ghi trong tệp DOCX cũ, với phiên bản mẫu mới; in các chữ khác nhau."""
    from draftgen.atomic import check_output_path, write_bytes_atomic
    from draftgen.regenerate import regenerate
    from draftgen.textdiff import diff_lines

    check_output_path(Path(output), force=force)
    if redline:
        check_output_path(Path(redline), force=force)
    made = regenerate(old, template_ref, extra)
    previous = old.read_bytes()
    for line in diff_lines(previous, made.data, f"{old} (mẫu {made.recorded.template_ref or '?'})",
                           f"{output} (mẫu {made.template_ref})"):
        click.echo(line)
    write_bytes_atomic(Path(output), made.data, force=force)
    click.echo(f"Đã tạo {output}", err=True)
    if redline:
        from draftgen.redline import redline_document

        review, count = redline_document(previous, made.data)
        write_bytes_atomic(Path(redline), review, force=force)
        click.echo(f"Đã tạo {redline} ({count} thay đổi được theo dõi)", err=True)
