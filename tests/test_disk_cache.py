"""The cache of derived data (draftgen.diskcache): the same result as without it, and harmless when it breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from draftgen import diskcache
from draftgen.render import jinja_environment


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("DRAFTGEN_NO_CACHE", raising=False)
    return tmp_path / "draftgen"


def _no_compile(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("compiled again")


def test_the_code_of_a_template_is_compiled_once(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = "Kính gửi: {{ ten }}{% if so %} số {{ so }}{% endif %}"
    first = diskcache.jinja_template(jinja_environment(), source)
    assert len(list((cache / "jinja").iterdir())) == 1
    env = jinja_environment()
    monkeypatch.setattr(env, "compile", _no_compile)
    again = diskcache.jinja_template(env, source)  # read from the cache
    context = {"ten": "UBND <xã>", "so": 15}
    assert again.render(context) == first.render(context) == jinja_environment().from_string(source).render(context)
    assert again.render(context) == "Kính gửi: UBND &lt;xã&gt; số 15"


def test_an_environment_with_other_settings_has_its_own_code(cache: Path) -> None:
    source = "{{ ten }}"
    escaped = diskcache.jinja_template(jinja_environment(), source)
    plain = diskcache.jinja_template(jinja_environment().overlay(autoescape=False), source)
    assert len(list((cache / "jinja").iterdir())) == 2
    assert (escaped.render(ten="<b>"), plain.render(ten="<b>")) == ("&lt;b&gt;", "<b>")


def test_a_broken_cache_means_compiling_again(cache: Path) -> None:
    source = "{{ ten }}!"
    diskcache.jinja_template(jinja_environment(), source)
    (kept,) = (cache / "jinja").iterdir()
    kept.write_bytes(b"\x00not marshal")
    assert diskcache.jinja_template(jinja_environment(), source).render(ten="A") == "A!"
    kept.write_bytes(b"")
    assert diskcache.jinja_template(jinja_environment(), source).render(ten="B") == "B!"
    diskcache.store("jinja", kept.name, 42)  # a value of another kind
    assert diskcache.jinja_template(jinja_environment(), source).render(ten="C") == "C!"


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv("DRAFTGEN_NO_CACHE", raising=False)
    assert diskcache.jinja_template(jinja_environment(), "{{ x }}").render(x=1) == "1"
    assert diskcache.load("jinja", "missing") is None


def test_no_cache_when_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTGEN_NO_CACHE", "1")
    assert diskcache.jinja_template(jinja_environment(), "{{ x }}").render(x=2) == "2"
    assert not cache.exists()


def test_a_template_that_does_not_compile_still_raises(cache: Path) -> None:
    from jinja2 import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        diskcache.jinja_template(jinja_environment(), "{% if %}")
    with pytest.raises(TemplateSyntaxError):  # a filter the environment does not have
        diskcache.jinja_template(jinja_environment(), "{{ x|khong_co }}")
    assert not (cache / "jinja").exists()


def test_bundled_data_read_again_is_the_same(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from draftgen.resources import DATA_DIR, profile_path, read_bundled_yaml

    paths = [profile_path(), *sorted(DATA_DIR.glob("*.yaml"))]
    first = [read_bundled_yaml(p) for p in paths]
    assert len(list((cache / "yaml").iterdir())) == len(paths)
    monkeypatch.setitem(sys.modules, "yaml", None)  # read from the cache: no YAML parser is needed
    assert [read_bundled_yaml(p) for p in paths] == first
    monkeypatch.undo()
    for kept in (cache / "yaml").iterdir():
        kept.write_bytes(kept.read_bytes()[:10])  # cut short
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache.parent))
    assert [read_bundled_yaml(p) for p in paths] == first
