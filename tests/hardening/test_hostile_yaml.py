"""Memory and time bombs, deep nesting, oversized input: exit 2 with the line, never exit 1 or a hang.

The limits are those of draftgen.load (MAX_INPUT_BYTES, MAX_DEPTH, MAX_ALIAS_NODES); how long each
case takes and how much memory it uses is measured by benchmarks/hostile_inputs.py, not here.
"""

from __future__ import annotations

import pytest

from draftgen.errors import InputError
from draftgen.load import MAX_DEPTH, MAX_INPUT_BYTES, load_yaml_text

from .helpers import BASE, assert_clean_refusal, run


def laughs_list(levels: int = 9, width: int = 10) -> str:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def laughs_mapping(levels: int = 12) -> str:
    lines = ["m0: &m0 {x: lol, y: lol}"]
    lines += [f"m{i}: &m{i} {{x: *m{i - 1}, y: *m{i - 1}}}" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def laughs_block(levels: int = 9) -> str:
    out = "a0: &a0\n" + "".join("  - lol\n" for _ in range(10))
    for i in range(1, levels + 1):
        out += f"a{i}: &a{i}\n" + "".join(f"  - *a{i - 1}\n" for _ in range(10))
    return out


def laughs_merge(levels: int = 16) -> str:
    out = "b0: &b0 {k: lol, j: lol}\n"
    for i in range(1, levels + 1):
        out += f"b{i}: &b{i}\n  x: *b{i - 1}\n  y: *b{i - 1}\n"
    return out + "c:\n  <<: *b" + str(levels) + "\n"


def long_text_repeated() -> str:
    return "t: &t \"" + "chữ " * 20_000 + "\"\nu: [" + ", ".join(["*t"] * 2_000) + "]\n"


def letter_with_bomb() -> str:
    return laughs_list() + BASE.replace("trich_yeu: ", "trich_yeu: *a9\nx_trich_yeu: ", 1)


BOMBS = {
    "list-ladder": laughs_list,
    "mapping-ladder": laughs_mapping,
    "block-ladder": laughs_block,
    "merge-ladder": laughs_merge,
    "long-text-aliased": long_text_repeated,
    "inside-a-letter": letter_with_bomb,
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_alias_bomb_is_refused_with_line(name: str) -> None:
    with pytest.raises(InputError) as info:
        load_yaml_text(BOMBS[name](), source="bomb.yaml")
    problem = info.value.problems[0]
    assert "mốc" in problem.message and problem.line is not None, problem


@pytest.mark.parametrize("name", ["list-ladder", "merge-ladder", "inside-a-letter"])
def test_alias_bomb_on_the_command_line(tmp_path, name: str) -> None:
    src = tmp_path / "bomb.yaml"
    src.write_text(BOMBS[name](), encoding="utf-8")
    out = tmp_path / "out.docx"
    proc = run("render", str(src), "-o", str(out), timeout=30)
    assert_clean_refusal(proc, "dòng", "mốc")
    assert not out.exists()


def test_reasonable_aliases_still_work() -> None:
    text = "chung: &chung {dia_danh: Sóc Trăng, cap: tinh}\nco_quan:\n  <<: *chung\n  cap: xa\nds: [*chung, *chung]\n"
    data = load_yaml_text(text).data
    assert data["co_quan"] == {"dia_danh": "Sóc Trăng", "cap": "xa"}
    assert data["ds"] == [{"dia_danh": "Sóc Trăng", "cap": "tinh"}] * 2
    data["ds"][0]["cap"] = "x"  # copies, not shared references
    assert data["ds"][1]["cap"] == "tinh"


DEEP = {
    "flow-sequences": lambda n: "a: " + "[" * n + "]" * n + "\n",
    "flow-mappings": lambda n: "a: " + "{b: " * n + "c" + "}" * n + "\n",
    "block-mappings": lambda n: "".join(" " * i + f"k{i}:\n" for i in range(n)) + " " * n + "x\n",
    "block-sequences": lambda n: "".join(" " * (2 * i) + "-\n" for i in range(n)) + " " * (2 * n) + "x\n",
    "dash-chain": lambda n: "- " * n + "x\n",
}


@pytest.mark.parametrize("name", sorted(DEEP))
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 700, 3000])
def test_deep_nesting_is_refused_with_line(name: str, depth: int) -> None:
    text = DEEP[name](depth)
    if len(text.encode()) > MAX_INPUT_BYTES:
        pytest.skip("larger than the input limit (refused by size, tested below)")
    with pytest.raises(InputError) as info:
        load_yaml_text(text, source="deep.yaml")
    problem = info.value.problems[0]
    assert "sâu" in problem.message and problem.line is not None, problem


def test_nesting_within_the_limit_is_read() -> None:
    data = load_yaml_text(DEEP["flow-sequences"](MAX_DEPTH - 1)).data
    for _ in range(MAX_DEPTH - 2):
        data = data[0] if isinstance(data, list) else data["a"]
    assert data == [] or data == [[]]


@pytest.mark.parametrize("name", ["flow-sequences", "block-mappings", "dash-chain"])
def test_deep_nesting_on_the_command_line(tmp_path, name: str) -> None:
    src = tmp_path / "deep.yaml"
    src.write_text(DEEP[name](5000 if name != "block-mappings" else 1200), encoding="utf-8")
    proc = run("validate", str(src), timeout=30)
    assert_clean_refusal(proc, "dòng", "sâu")


def test_oversized_input_is_refused_before_parsing(tmp_path) -> None:
    src = tmp_path / "big.yaml"
    src.write_text("a: " + "x" * (MAX_INPUT_BYTES + 10) + "\n", encoding="utf-8")
    assert_clean_refusal(run("validate", str(src), timeout=30), "quá lớn")
    assert_clean_refusal(run("validate", "-", stdin=src.read_bytes(), timeout=30), "quá lớn")


def test_a_megabyte_of_ordinary_yaml_is_read() -> None:
    rows = "".join(f"- code: '{i:05d}'\n  ten: Xã Hòa Phú số {i}\n  so_ho: {i * 3}\n" for i in range(16_000))
    assert 0.9e6 < len(rows.encode()) < MAX_INPUT_BYTES
    data = load_yaml_text(rows).data
    assert len(data) == 16_000 and data[-1] == {"code": "15999", "ten": "Xã Hòa Phú số 15999", "so_ho": "47997"}


@pytest.mark.parametrize("text, words", [
    ("a: b: c\n", ["dòng 1", "ngoặc kép"]),
    ("co_quan:\n\t- x\n", ["dòng 2", "tab"]),
    ("- a\nb: c\n", ["dòng 2", "thẳng cột"]),
    ("a: [b, c\n", ["dòng 2", "]"]),
    ('a: "x\\q"\n', ["dòng 1", "\\"]),
    ("a: *nope\n", ["dòng 1", "&nope"]),
    ("a: 1\n---\nb: 2\n", ["dòng 2", "một văn bản"]),
    ("a: 1\na: 2\n", ["dòng 2", "lặp"]),
    ("a: \x01\n", ["ký tự điều khiển"]),
    ("", ["trống"]),
])
def test_yaml_syntax_errors_read_in_vietnamese(text: str, words: list[str]) -> None:
    with pytest.raises(InputError) as info:
        load_yaml_text(text, source="x.yaml")
    message = str(info.value)
    for word in words:
        assert word in message, (word, message)
    for english in ("expected", "found", "mapping", "while", "scanning", "not allowed", "character"):
        assert english not in message, message
