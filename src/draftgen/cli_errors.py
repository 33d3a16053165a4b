"""How the command line reports what went wrong: Vietnamese text (or JSON), an exit code, no traceback.

One place for every command: :class:`DraftgenGroup` runs click in non-standalone mode and turns
each kind of failure into its message and :class:`~draftgen.faults.ExitCode`:

- click's usage errors (unknown option, missing argument, bad value): exit 2, in Vietnamese;
- :class:`~draftgen.errors.InputError` (bad input, with field and line): exit 2;
- faults of the machine (disk full, permission, vanished folder, limits): their own codes;
- Ctrl-C: 130, SIGTERM: 143;
- anything else is a defect of draftgen: exit 1, a short message, the traceback only with DRAFTGEN_DEBUG=1.

With ``--json`` on the command line every one of these is printed as one JSON object on stdout.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Sequence
from functools import cache
from typing import Any

import click

from draftgen.errors import InputError, Problem
from draftgen.faults import (
    ExitCode,
    Fault,
    Terminated,
    fault_in_chain,
    install_sigterm_handler,
    restore_sigterm_handler,
)


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    from draftgen.resources import DATA_DIR, read_bundled_yaml

    data = read_bundled_yaml(DATA_DIR / "click_vi.yaml")
    return {key: dict(data.get(key) or {}) for key in ("messages", "plural", "plural_many")}


def _gettext(message: str) -> str:
    return _catalogue()["messages"].get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    cat = _catalogue()
    return cat["plural"].get(singular, singular) if n == 1 else cat["plural_many"].get(plural, plural)


@cache
def install_vietnamese_click() -> None:
    """Give click Vietnamese messages: click calls gettext through a module-level ``_`` (and
    ``ngettext``) in each of its modules, bound at import; point them at the catalogue."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.termui,
                   click.types):
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
    # number types name themselves in messages ("'x' is not a valid integer") and in help metavars
    click.types.IntParamType.name = "số nguyên"
    click.types.IntRange.name = "số nguyên"
    click.types.FloatParamType.name = "số thực"
    click.types.FloatRange.name = "số thực"


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {"message": problem.message, "field": problem.field, "line": problem.line, "source": problem.source}


def notes_in_chain(exc: BaseException) -> list[str]:
    """The notes (``add_note``) of ``exc`` and of the exceptions it came from: click turns a KeyboardInterrupt
    into ``Abort() from`` it, and a batch notes on it how many documents were finished."""
    notes: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        notes.extend(note for note in getattr(current, "__notes__", []) if note not in notes)
        current = current.__cause__ or current.__context__
    return notes


def _emit(as_json: bool, code: ExitCode, kind: str, lines: list[str], extra: dict[str, Any] | None = None,
          notes: list[str] | None = None) -> int:
    if as_json:
        payload = {"ok": False, "exit_code": int(code), "error": kind, "message": "\n".join(lines), **(extra or {})}
        if notes:
            payload["notes"] = notes
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for line in lines + (notes or []):
            click.echo(line, err=True)
    return int(code)


def report(exc: BaseException, as_json: bool, ctx_help: str | None = None) -> int:
    """Print ``exc`` for a clerk (or as JSON) and return its exit code."""
    if isinstance(exc, click.UsageError):
        lines = [f"Lỗi cách dùng: {exc.format_message()}"]
        command = exc.ctx.command_path if exc.ctx is not None else "draftgen"
        lines.append(f"Xem hướng dẫn: '{command} --help'.")
        return _emit(as_json, ExitCode.INPUT, "usage", lines)
    if isinstance(exc, InputError):
        lines = [f"Lỗi dữ liệu đầu vào ({len(exc.problems)}):"] + [f"  - {p}" for p in exc.problems]
        return _emit(as_json, ExitCode.INPUT, "input", lines,
                     {"problems": [_problem_json(p) for p in exc.problems]})
    notes = notes_in_chain(exc)
    if isinstance(exc, KeyboardInterrupt | click.Abort):
        return _emit(as_json, ExitCode.INTERRUPTED, "interrupted",
                     ["Đã dừng theo yêu cầu (Ctrl-C). Không có tệp dở dang nào được để lại."], notes=notes)
    if isinstance(exc, Terminated):
        why = ("SIGHUP: cửa sổ dòng lệnh bị đóng" if exc.exit_code == ExitCode.HANGUP
               else "SIGTERM: máy tắt, hoặc chương trình khác dừng nó")
        return _emit(as_json, ExitCode(exc.exit_code) if exc.exit_code in iter(ExitCode) else ExitCode.TERMINATED,
                     "terminated", [f"draftgen đã dừng vì nhận lệnh kết thúc ({why}). "
                                    "Không có tệp dở dang nào được để lại."], notes=notes)
    fault = fault_in_chain(exc)
    if fault is not None:
        return _emit(as_json, fault.exit_code, "environment", [fault.message, fault.advice], notes=notes)
    if isinstance(exc, click.ClickException):  # e.g. click.FileError: a file that cannot be opened
        return _emit(as_json, ExitCode.INPUT, "usage", [f"Lỗi: {exc.format_message()}"])
    lines = [f"Lỗi nội bộ của draftgen: {exc.__class__.__name__}: {exc}",
             "Đây là lỗi của chương trình, không phải của dữ liệu: hãy gửi lệnh và tệp đầu vào cho nhóm phát triển "
             "(đặt DRAFTGEN_DEBUG=1 để xem chi tiết)."]
    code = _emit(as_json, ExitCode.INTERNAL, "internal", lines, notes=notes)
    if os.environ.get("DRAFTGEN_DEBUG"):
        traceback.print_exception(exc)
    return code


class DraftgenGroup(click.Group):
    """The ``draftgen`` group: every command's failures are reported by :func:`report`."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        install_vietnamese_click()
        previous_sigterm = install_sigterm_handler()
        argv = list(sys.argv[1:] if args is None else args)
        as_json = "--json" in argv
        try:
            result = super().main(argv, prog_name=prog_name or "draftgen", complete_var=complete_var,
                                  standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
            if not standalone_mode:
                return result
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException as exc:  # noqa: BLE001 - the one place where every failure becomes a message
            code = report(exc, as_json)
        finally:
            restore_sigterm_handler(previous_sigterm)
        if standalone_mode:
            sys.exit(code)
        raise SystemExit(code)


__all__ = ["DraftgenGroup", "Fault", "install_vietnamese_click", "report"]
