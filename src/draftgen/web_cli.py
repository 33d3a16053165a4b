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
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Số tiến trình phục vụ song song (máy chủ của cơ quan: bằng số lõi CPU).")
@click.option("--open", "open_browser", is_flag=True, help="Mở trang trong trình duyệt.")
def serve_command(port: int, host: str, allow_hosts: tuple[str, ...], workers: int, open_browser: bool) -> None:
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
    click.echo(f"draftgen: trang web ở {url} (Ctrl-C để dừng)", err=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    if workers > 1:
        _run_workers(host, port, allow_hosts, workers)
    else:
        uvicorn.run(create_app(host, port, allowed_hosts=allow_hosts), host=host, port=port, log_level="warning")


def _run_workers(host: str, port: int, allow_hosts: tuple[str, ...], workers: int) -> None:
    """Several uvicorn worker processes on one socket; each builds the app (``create_app``) itself."""
    import os
    import socket

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from draftgen.web.security import ENV_HOSTS, allowed_host_values

    # the workers are new processes: they learn the served address from the environment
    accepted = sorted(allowed_host_values(host, port, allow_hosts))
    os.environ[ENV_HOSTS] = ",".join(filter(None, [os.environ.get(ENV_HOSTS, ""), *accepted]))

    config = uvicorn.Config("draftgen.web.app:create_app", factory=True, host=host, port=port, workers=workers,
                            log_level="warning")
    # uvicorn binds the shared socket with proto 0, so the sockets it accepts never get TCP_NODELAY and each
    # keep-alive request waits ~40 ms for a delayed ACK (uvicorn issue #3149); wrapped again from its
    # descriptor, the socket reports IPPROTO_TCP and asyncio turns Nagle off
    sock = socket.socket(fileno=config.bind_socket().detach())
    Multiprocess(config, sockets=[sock]).run()
