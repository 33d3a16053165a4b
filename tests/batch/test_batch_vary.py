"""Validate once, vary little (issue 14): the model of each unit, built by validating only the top-level
fields the unit changes into a copy of the letter validated once, is the model a full validation gives;
a unit that fails is told exactly as a full validation tells it (fields, rows, lines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from draftgen.batch import BatchOptions, LetterPlan, prepare
from draftgen.batch.vary import VaryingValidator, sound_for
from draftgen.doctypes.registry import doc_types
from draftgen.errors import InputError
from draftgen.load import Loaded, load_yaml_file
from draftgen.pipeline import validate_letter
from draftgen.units import join_columns, load_units

from .helpers import EXAMPLE, EXAMPLE_XLSX, write_inputs


def _same_models(letter: Path, units: list) -> int:
    plan = LetterPlan(load_yaml_file(letter))
    varying = VaryingValidator(plan, validate_letter)
    compared = 0
    for unit in units:
        data, problems = plan.unit_data(unit)
        assert not problems
        full = validate_letter(Loaded(data, plan.loaded.lines, plan.source))
        fast = varying.validate(unit, data)
        assert type(fast) is type(full)
        assert fast.model_dump() == full.model_dump(), unit.code
        assert fast.model_fields_set == full.model_fields_set, unit.code
        compared += 1
    assert varying.enabled and varying.base is not None
    assert varying.fast == compared  # the fast path was taken for every unit
    return compared


def test_bundled_example_every_unit_as_a_full_validation() -> None:
    """102 communes, figures joined from XLSX, per-unit overrides in the letter and in columns."""
    plan = LetterPlan(load_yaml_file(EXAMPLE))
    units = load_units("bundled:province=66", plan.letter_date)
    join_columns(units, EXAMPLE_XLSX)
    assert _same_models(EXAMPLE, units) == 102


def test_small_letter_with_overrides_as_a_full_validation(tmp_path: Path) -> None:
    letter, units_path = write_inputs(tmp_path)
    assert _same_models(letter, load_units(str(units_path))) == 4


@pytest.mark.parametrize("jobs", [1, 2])
def test_errors_are_those_of_a_full_validation(tmp_path: Path, jobs: int) -> None:
    """Units whose name breaks a rule of trích yếu: the same problems, rows and lines in the same order as a
    full validation of each unit, whichever path validated the valid units, with one or two jobs."""
    rows = [[f"{i:05d}", f"Xã Số {i}", str(i), "Sở Xây dựng", "30/6/2026", ""] for i in range(1, 120)]
    rows[5][1] = "Xã Số 6."  # trích yếu "… cho Xã Số 6." ends with a full stop
    rows[70][1] = "Xã Số 71."
    letter, units = write_inputs(tmp_path, rows)
    options = BatchOptions(letter, str(units), tmp_path / "out", jobs=jobs)
    with pytest.raises(InputError) as caught:
        prepare(options)
    told = [(p.message, p.field, p.line, p.source) for p in caught.value.problems]
    # the reference: each unit validated in full, one by one
    plan = LetterPlan(load_yaml_file(letter))
    expected = []
    for unit in load_units(str(units)):
        data, problems = plan.unit_data(unit)
        try:
            validate_letter(Loaded(data, plan.loaded.lines, plan.source))
        except InputError as exc:
            problems = exc.problems
        expected += [(unit.row, p.field) for p in problems]
    assert [(line, field) for _, field, line, _ in told] == expected and expected
    assert not (tmp_path / "out").exists()


def test_only_sound_models_take_the_fast_path() -> None:
    """A model whose top-level validator reads another field (a Biên bản's end after its start) does not."""
    models = {key: t.model for key, t in doc_types().items()}
    assert sound_for(models["cong_van"])
    assert not sound_for(models["bien_ban"])


def test_an_override_changes_only_its_unit(tmp_path: Path) -> None:
    """The parts of the letter without a field are shared by every unit: an override changes a copy."""
    letter, units_path = write_inputs(tmp_path)
    extra = '      "nguoi_ky.ho_ten": Trần Thị Bình\n      "co_quan.ten.1": PHƯỜNG HOÀN KIẾM\n'
    source = letter.read_text(encoding="utf-8").replace('    "00070":\n', '    "00070":\n' + extra)
    letter.write_text(source, encoding="utf-8")
    plan = LetterPlan(load_yaml_file(letter))
    before = repr(plan.tree)
    units = load_units(str(units_path))
    datas = [plan.unit_data(unit)[0] for unit in units]
    assert datas[0]["nguoi_ky"]["ho_ten"] == "Trần Thị Bình" and datas[0]["co_quan"]["ten"][1] == "PHƯỜNG HOÀN KIẾM"
    for data in datas[1:]:
        assert data["nguoi_ky"]["ho_ten"] == "Nguyễn Văn An"
        assert data["co_quan"]["ten"] == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]
    assert repr(plan.tree) == before


def test_fields_with_statements_render_on_their_own(tmp_path: Path) -> None:
    """A field with {% %} (a {% set %} could leak) renders in its own context; expressions share one."""
    letter, units_path = write_inputs(tmp_path)
    source = letter.read_text(encoding="utf-8").replace(
        "kinh_gui: Ủy ban nhân dân {{ unit.name }}",
        "kinh_gui: Ủy ban nhân dân {% set ten = unit.name %}{{ ten }}{% if unit.so_cay|int > 1000 %} (lớn){% endif %}")
    source = source.replace("mo_dau: Ủy ban nhân dân Thành phố giao {{ unit.name }}",  # after kinh_gui
                            "mo_dau: Ủy ban nhân dân Thành phố giao {{ ten|default('đơn vị') }} {{ unit.name }}")
    letter.write_text(source, encoding="utf-8")
    plan = LetterPlan(load_yaml_file(letter))
    data, problems = plan.unit_data(load_units(str(units_path))[0])
    assert not problems
    assert data["kinh_gui"] == "Ủy ban nhân dân Phường Hoàn Kiếm (lớn)"
    assert data["noi_dung"]["mo_dau"].startswith("Ủy ban nhân dân Thành phố giao đơn vị Phường Hoàn Kiếm")  # no leak
