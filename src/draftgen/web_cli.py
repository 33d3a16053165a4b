"""``draftgen serve``: the local web page on uvicorn (options and printing only; the app is :mod:`draftgen.web`)."""

from __future__ import annotations

import click

from draftgen.faults import ExitCode

INSTALL_WEB = 'pip install "draftgen[web]"'


def _web_missing() -> str | None:
    """The name of the first missing module of the ``web`` extra, or None when all are installed."""
    import importlib.util

    for module in ("fastapi", "uvicorn", "multipart"):
        if importlib.util.find_spec(module) is None:
            return module
    return None


@click.command("serve")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Cổng của trang web.")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ĐỊA_CHỈ",
              help="Địa chỉ lắng nghe. Mặc định chỉ máy này; địa chỉ khác thì máy khác trong mạng cũng mở được.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="TÊN",
              help="Tên máy chủ khác được chấp nhận trong tiêu đề Host (ví dụ tên máy chủ của cơ quan); "
                   "dùng nhiều lần được.")
@click.option("--open", "open_browser", is_flag=True, help="Mở trang trong trình duyệt.")
def serve_command(port: int, host: str, allow_hosts: tuple[str, ...], open_browser: bool) -> None:
    """Mở trang web soạn văn bản trên máy này (http://127.0.0.1:8000)."""
    missing = _web_missing()
    if missing:
        click.echo(f"Chưa cài phần trang web của draftgen (thiếu gói '{missing}'). Cài đặt: {INSTALL_WEB}", err=True)
        raise SystemExit(ExitCode.INPUT)
    import uvicorn

    from draftgen.web.app import create_app
    from draftgen.web.security import is_loopback

    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    if not is_loopback(host):
        click.echo(f"CẢNH BÁO: trang web mở cho mọi máy tới được địa chỉ {host}:{port}, không chỉ máy này. Trang "
                   "không có đăng nhập: chỉ dùng trong mạng nội bộ tin cậy, sau máy chủ web của cơ quan. Tên máy "
                   "chủ mà người dùng gõ phải được chấp nhận: thêm --allow-host TÊN.", err=True)
    app = create_app(host, port, allowed_hosts=allow_hosts)
    click.echo(f"draftgen: trang web ở {url} (Ctrl-C để dừng)", err=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
