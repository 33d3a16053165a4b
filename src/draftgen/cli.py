"""The draftgen command line. Parsing options and printing only; the work happens in the modules."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from draftgen import __version__
from draftgen.atomic import check_output_path, write_bytes_atomic
from draftgen.cli_errors import DraftgenGroup
from draftgen.errors import InputError, Problem
from draftgen.faults import ExitCode

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = ExitCode.OK, ExitCode.INTERNAL, ExitCode.INPUT


@click.group(cls=DraftgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="draftgen")
def main() -> None:
    """draftgen: soạn văn bản hành chính (Công văn …) đúng thể thức Nghị định 30/2020/NĐ-CP."""


def write_output(output: str, data: bytes, force: bool) -> None:
    """Write to a file atomically, or to standard output for ``-``."""
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_bytes_atomic(Path(output), data, force=force)


def default_output(input_file: str) -> str:
    """``thu-moi.yaml`` → ``thu-moi.docx`` beside it; stdin has no name, so it needs ``-o``."""
    if input_file == "-":
        raise InputError(Problem("đọc YAML từ stdin thì phải chỉ tệp kết quả: -o OUT.docx (hoặc -o - ra stdout).",
                                 field="-o/--output"))
    return str(Path(input_file).with_suffix(".docx"))


@main.command()
@click.argument("input_file", metavar="INPUT.yaml")
@click.option("-o", "--output", metavar="OUT.docx",
              help="Tệp DOCX kết quả ('-' = stdout); mặc định: cùng tên với tệp YAML, đuôi .docx, cùng thư mục.")
@click.option("--pdf", "with_pdf", is_flag=True, help="Tạo thêm tệp PDF cùng tên (cần LibreOffice).")
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
@click.option("--template", "template_ref", metavar="ID[@VERSION]",
              help="Dùng mẫu của thư viện (draftgen templates list).")
@click.option("--templates", "extra", multiple=True, metavar="DIR", help="Thư mục thư viện mẫu (dùng nhiều lần được).")
def render(input_file: str, output: str | None, with_pdf: bool, force: bool, template_ref: str | None,
           extra: tuple[str, ...]) -> None:
    """Tạo văn bản DOCX từ tệp YAML ('-' = đọc stdin)."""
    from draftgen.pipeline import load_letter, render_letter

    output = output or default_output(input_file)
    if with_pdf and output == "-":
        raise InputError(Problem("--pdf cần một tệp DOCX thật (không dùng -o -).", field="--pdf"))
    if output != "-":
        check_output_path(Path(output), force=force)  # before any work: a bad output path is exit 2
    pdf = Path(output).with_suffix(".pdf")
    if with_pdf:
        check_output_path(pdf, force=force)
    if template_ref:
        from draftgen.library.commands import document_with_template

        data = render_letter(*document_with_template(input_file, template_ref, extra))
    else:
        data = render_letter(load_letter(input_file))
    write_output(output, data, force)
    if output != "-":
        click.echo(f"Đã tạo {output}", err=True)
    if with_pdf:  # after the DOCX: without LibreOffice the clerk still has it
        from draftgen.pdf.make import pdfs
        from draftgen.pdf_cli import tell_fonts

        tell_fonts(pdfs([Path(output)], [pdf], force=force).fonts)
        click.echo(f"Đã tạo {pdf}", err=True)


@main.command()
@click.argument("input_file", metavar="INPUT.yaml")
def validate(input_file: str) -> None:
    """Kiểm tra tệp YAML theo mẫu và quy định NĐ30, không tạo tệp."""
    from draftgen.pipeline import draft_of, load_letter

    draft_of(load_letter(input_file))  # parents and clauses too: "hợp lệ" means render will work
    click.echo(f"{input_file}: hợp lệ")


@main.command()
@click.option("-o", "--output", default="-", metavar="OUT.json", help="Tệp JSON Schema ('-' = stdout).")
@click.option("--loai", default="cong_van", show_default=True, metavar="LOAI",
              help="Loại văn bản (cong_van, chi_thi, ke_hoach, bao_cao …); các loại cùng mẫu dùng chung một schema.")
@click.option("--chung", "combined", is_flag=True,
              help="Schema chung cho mọi loại văn bản (chọn loại theo trường 'loai').")
@click.option("--batch", "for_batch", is_flag=True, help="Schema của tệp dùng với 'draftgen batch' (có mục 'batch').")
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
def schema(output: str, loai: str, combined: bool, for_batch: bool, force: bool) -> None:
    """In JSON Schema của tệp YAML (cho trình soạn thảo gợi ý trường, báo lỗi khi gõ)."""
    from draftgen.schema import batch_json_schema, combined_json_schema, schema_for_type

    made = batch_json_schema() if for_batch else combined_json_schema() if combined else schema_for_type(loai)
    text = json.dumps(made, ensure_ascii=False, indent=2) + "\n"
    write_output(output, text.encode("utf-8"), force)


from draftgen.directives_cli import directives_group  # noqa: E402 - registered after main exists

main.add_command(directives_group, "directives")

from draftgen.check.command import check_command  # noqa: E402

main.add_command(check_command, "check")

from draftgen.batch_cli import batch_command  # noqa: E402

main.add_command(batch_command, "batch")

from draftgen.starter_cli import new_command  # noqa: E402

main.add_command(new_command, "new")

from draftgen.pdf_cli import doctor_command, pdf_command, preview_command  # noqa: E402

main.add_command(pdf_command, "pdf")
main.add_command(preview_command, "preview")
main.add_command(doctor_command, "doctor")

from draftgen.library_cli import templates_group  # noqa: E402

main.add_command(templates_group, "templates")

from draftgen.web_cli import serve_command  # noqa: E402 - the web package is imported when the command runs

main.add_command(serve_command, "serve")
