"""``draftgen batch``: the command line of :mod:`draftgen.batch` (options and printing only)."""

from __future__ import annotations

import sys
from typing import Any

import click

from draftgen.faults import ExitCode
from draftgen.filenames import DEFAULT_PATTERN


class PlainProgress:
    """Progress for logs and CI: one line per phase, no bar."""

    def __init__(self) -> None:
        self.phase, self.total = "", 0

    def start(self, phase: str, total: int) -> None:
        self.phase, self.total = phase, total

    def advance(self, n: int = 1) -> None:
        pass

    def done(self) -> None:
        click.echo(f"{self.phase}: {self.total} đơn vị … xong", err=True)

    def stop(self) -> None:
        pass  # the message of the interruption says how far it went


class RichProgress:
    """A rich progress bar on standard error (only when it is a terminal)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=Console(stderr=True), transient=False)
        self.task: Any = None

    def start(self, phase: str, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task(phase, total=total)

    def advance(self, n: int = 1) -> None:
        self.bar.advance(self.task, n)

    def done(self) -> None:
        self.bar.stop()

    def stop(self) -> None:
        self.bar.stop()


def make_progress() -> PlainProgress | RichProgress:
    return RichProgress() if sys.stderr.isatty() else PlainProgress()


@click.command("batch")
@click.argument("input_file", metavar="INPUT.yaml")
@click.option("--units", "units", required=True, metavar="UNITS",
              help="Danh sách đơn vị: tệp .csv, .xlsx (trang đầu, có dòng tiêu đề), .yaml, hoặc danh mục kèm theo, "
                   "ví dụ bundled:province=66 (mọi xã, phường của tỉnh Đắk Lắk).")
@click.option("--join", "joins", multiple=True, metavar="FILE",
              help="Tệp .csv/.xlsx/.yaml có thêm cột cho từng đơn vị, ghép theo mã (cột code). Dùng được nhiều lần.")
@click.option("--out", "out_dir", required=True, metavar="DIR", help="Thư mục ghi các tệp DOCX và manifest.")
@click.option("--names", "pattern", default=None, metavar="PATTERN",
              help=f"Mẫu tên tệp theo cột của đơn vị (mặc định {DEFAULT_PATTERN}; slug = tên viết liền).")
@click.option("--ascii-names", is_flag=True, help="Tên tệp bỏ dấu tiếng Việt (đ → d).")
@click.option("--jobs", "-j", default=0, type=click.IntRange(0, 64),
              help="Số tiến trình kiểm tra và tạo văn bản song song (mặc định 0: tự chọn, mỗi nhân CPU một tiến "
                   "trình khi có từ 200 đơn vị; 1: một tiến trình).")
@click.option("--force", is_flag=True, help="Tạo lại mọi văn bản, kể cả văn bản không đổi; ghi đè tệp --zip.")
@click.option("--zip", "zip_path", default=None, metavar="OUT.zip", help="Gói các văn bản và manifest vào tệp .zip.")
@click.option("--pdf", "with_pdf", is_flag=True,
              help="Tạo thêm tệp PDF cạnh mỗi văn bản (cần LibreOffice; một tiến trình cho nhiều tệp).")
@click.option("--template", "template_ref", metavar="ID[@VERSION]",
              help="Dùng mẫu của thư viện (draftgen templates list) cho mọi văn bản; mẫu được dựng một lần.")
@click.option("--templates", "template_dirs", multiple=True, metavar="DIR",
              help="Thư mục thư viện mẫu (dùng nhiều lần được).")
@click.option("--wait", is_flag=True,
              help="Thư mục --out đang có đợt khác ghi thì chờ đợt đó xong rồi làm tiếp "
                   "(mặc định: dừng ngay, mã thoát 7).")
def batch_command(input_file: str, units: str, joins: tuple[str, ...], out_dir: str, pattern: str | None,
                  ascii_names: bool, jobs: int, force: bool, zip_path: str | None, with_pdf: bool,
                  template_ref: str | None, template_dirs: tuple[str, ...], wait: bool) -> None:
    """Tạo một công văn cho mỗi đơn vị (xã, phường, phòng …) từ một mẫu YAML.

    Mọi đơn vị được kiểm tra trước khi ghi tệp đầu tiên; có lỗi thì không ghi gì (mã thoát 2).
    Chạy lại chỉ tạo các văn bản có dữ liệu thay đổi; bị dừng giữa chừng (Ctrl-C, đĩa đầy …) thì chạy lại
    đúng lệnh để làm tiếp. Mã thoát 1 khi có đơn vị lỗi lúc tạo văn bản.
    """
    from draftgen.batch import BatchOptions, run_batch

    if with_pdf:
        from draftgen.pdf.soffice import find_soffice

        find_soffice()  # before any work: without LibreOffice say so (exit 2), not after thousands of documents
    options = BatchOptions(input_path=input_file, units=units, out_dir=out_dir, joins=list(joins), pattern=pattern,
                           ascii_names=ascii_names, jobs=jobs, force=force, zip_path=zip_path, wait=wait,
                           pdf=with_pdf, template_ref=template_ref, template_dirs=list(template_dirs))
    result = run_batch(options, make_progress(), on_wait=lambda text: click.echo(text, err=True))
    counts = ", ".join(f"{label} {result.count(status)}" for status, label in
                       (("created", "tạo mới"), ("rebuilt", "tạo lại"), ("unchanged", "không đổi"),
                        ("failed", "lỗi")))
    click.echo(f"{len(result.records)} đơn vị: {counts}. Danh sách: {result.out_dir / 'manifest.csv'}", err=True)
    if result.zip_path:
        click.echo(f"Tệp nén: {result.zip_path}", err=True)
    if result.failed:
        click.echo(f"Các đơn vị lỗi khi tạo văn bản ({len(result.failed)}):", err=True)
        for record in result.failed:
            where = f" (dòng {record.row} của {record.source})" if record.row else ""
            click.echo(f"  - {record.code} {record.name}{where}: {record.error}", err=True)
        sys.exit(ExitCode.INTERNAL)
