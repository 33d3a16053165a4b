"""Start-up: a command imports only what it needs (issue 14), and the bundled YAML reads the same fast.

``import draftgen.cli`` (paid by ``--help``, ``render``, ``batch``) must not import the checker, its
profile, openpyxl, rich or lxml; ``draftgen batch`` over a CSV must not import the checker, openpyxl or rich
(lxml comes with docxtpl there); ``draftgen render`` of a letter without parents, with its template parts
cached, imports none of :data:`RENDER_NEVER`.
The bundled data files are read with ruamel's C loader (:func:`draftgen.resources.read_bundled_yaml`):
each must read exactly as the pure-Python YAML 1.2 loader reads it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from draftgen.resources import DATA_DIR, profile_path, read_bundled_yaml

from .helpers import write_inputs

HEAVY = ["draftgen.check.engine", "draftgen.check.rules", "openpyxl", "rich"]


def _imported(code: str) -> list[str]:
    probe = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_command_line_imports_no_checker() -> None:
    modules = _imported("import draftgen.cli")
    assert [m for m in HEAVY + ["lxml", "draftgen.nd30.profile", "pydantic", "docxtpl", "draftgen.batch"]
            if m in modules] == []


# What ``draftgen render`` of a letter without parents never needs: the checker (beyond its command) and the
# batch's readers; the stdlib's XML and HTTP stack (xml.sax.saxutils brings urllib.request and http.client);
# lxml (the bundled templates have no custom properties to read); the cascade engine with its directives and
# citation tables; and, once the patched parts are cached, docxtpl with python-docx.
RENDER_NEVER = HEAVY + ["xml.sax", "urllib.request", "http.client", "lxml", "docxtpl", "docx",
                        "draftgen.batch", "draftgen.directives", "draftgen.cascade.select", "draftgen.nd30.citations",
                        "draftgen.pdf.fonts", "concurrent.futures", "multiprocessing"]


def test_render_imports_only_what_it_needs(tmp_path: Path) -> None:
    import os

    example = Path(__file__).resolve().parent.parent.parent / "examples" / "dak-lak-968.yaml"
    code = ("from draftgen.cli import main\n"
            f"main(['render', {str(example)!r}, '-o', {str(tmp_path / 'out.docx')!r}], standalone_mode=False)")
    probe = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("DRAFTGEN_NO_CACHE", None)

    def imported() -> list[str]:
        proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)
        return json.loads(proc.stdout.strip().splitlines()[-1])

    first = imported()  # patches the template's parts with docxtpl, keeps them and the compiled code
    assert "docxtpl" in first
    (tmp_path / "out.docx").unlink()
    again = imported()
    assert (tmp_path / "out.docx").is_file()
    assert [m for m in RENDER_NEVER if m in again] == []
    assert "yaml" in again and "pydantic" in again  # the clerk's file is still read and validated


def test_a_batch_over_csv_imports_no_checker(tmp_path: Path) -> None:
    letter, units = write_inputs(tmp_path)
    code = ("from draftgen.cli import main\n"
            f"main(['batch', {str(letter)!r}, '--units', {str(units)!r}, '--out', {str(tmp_path / 'out')!r}],"
            " standalone_mode=False)")
    modules = _imported(code)
    assert (tmp_path / "out" / "manifest.json").is_file()
    # a small batch runs in one process: the pool's modules are not loaded either
    assert [m for m in HEAVY + ["concurrent.futures", "multiprocessing"] if m in modules] == []


@pytest.mark.parametrize("path", [profile_path(), *sorted(DATA_DIR.glob("*.yaml"))], ids=lambda p: p.name)
def test_bundled_yaml_reads_as_the_pure_loader_reads_it(path: Path) -> None:
    pure = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    fast = read_bundled_yaml(path)
    assert fast == pure
    assert json.dumps(fast, sort_keys=True, default=repr) == json.dumps(pure, sort_keys=True, default=repr)


def test_a_template_compiled_again_needs_no_docxtpl(tmp_path: Path) -> None:
    """The patched Jinja source of a part is kept in the cache folder: the next run does not import docxtpl."""
    import os

    code = ("from draftgen.render import CompiledTemplate\nfrom draftgen.resources import template_path\n"
            "CompiledTemplate(template_path('cong-van.docx'))")
    probe = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("DRAFTGEN_NO_CACHE", None)

    def imported(**extra: str) -> list[str]:
        proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                              env={**env, **extra})
        return json.loads(proc.stdout.strip().splitlines()[-1])

    assert "docxtpl" in imported()  # the first time: patched by docxtpl, kept
    kept = sorted((tmp_path / "cache" / "draftgen" / "patched").glob("*.xml"))
    assert kept
    assert "docxtpl" not in imported()
    assert "docxtpl" in imported(DRAFTGEN_NO_CACHE="1")


def test_the_kept_source_is_docxtpls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from docxtpl import DocxTemplate

    from draftgen.render import _HIDDEN_TAG, _patch
    from draftgen.resources import template_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("DRAFTGEN_NO_CACHE", raising=False)
    with zipfile.ZipFile(template_path("cong-van.docx")) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    first, again = _patch(xml), _patch(xml)  # the second one read from the cache
    assert len(list((tmp_path / "draftgen" / "patched").glob("*.xml"))) == 1
    assert first == again == DocxTemplate.patch_xml(None, _HIDDEN_TAG.sub(r"\1", xml))
    assert "{%p" not in first and "{{" in first  # docxtpl's paragraph tags became plain Jinja
