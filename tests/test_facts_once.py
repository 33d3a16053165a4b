"""Each fact of ND30 that validation and the checker share is kept once, in data/ (issue 9 §1): the type names and
abbreviations in data/doc_types.yaml, the academic titles in data/nd30.yaml. The profile's ``check`` section
gets them from there when it is loaded, so the checker and validation read one list."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from draftgen.models.common import Signer
from draftgen.nd30 import vocabulary
from draftgen.nd30.profile import default_profile, load_profile
from draftgen.resources import DATA_DIR, profile_path

SHARED = ("type_names", "type_abbreviations", "academic_titles")


def _yaml(path):
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def test_the_profile_file_does_not_repeat_the_facts_of_data() -> None:
    check = _yaml(profile_path())["check"]
    assert not set(SHARED) & set(check)


def test_the_checker_reads_the_lists_of_data() -> None:
    check = default_profile().raw["check"]
    types = _yaml(DATA_DIR / "doc_types.yaml")
    assert check["type_names"][0] == "CÔNG VĂN" and check["type_names"][-1] == "THƯ CÔNG"
    assert check["type_names"][1:-1] == [name.upper() for name in types["hanh_chinh"].values()]
    assert check["type_abbreviations"] == ["CV", *types["hanh_chinh"]]
    assert check["academic_titles"] == _yaml(DATA_DIR / "nd30.yaml")["academic_titles"]
    assert vocabulary.document_type_abbreviations() == frozenset(check["type_abbreviations"])


def test_an_office_profile_may_set_its_own_list(tmp_path) -> None:
    text = profile_path().read_text(encoding="utf-8").replace("\ncheck:\n", '\ncheck:\n  academic_titles: ["Đại tá"]\n')
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    check = load_profile(path).raw["check"]
    assert check["academic_titles"] == ["Đại tá"]
    assert check["type_names"] == default_profile().raw["check"]["type_names"]


SIGNER = {"chuc_vu": "GIÁM ĐỐC"}


@pytest.mark.parametrize("name", ["TS. Lâm Hoàng Nghiệp", "TS.Lâm Hoàng Nghiệp", "ts Lâm Hoàng Nghiệp",
                                  "Tiến sĩ Lâm Hoàng Nghiệp", "PGS.TS. Lâm Hoàng Nghiệp", "TSKH. Lâm Hoàng Nghiệp",
                                  "NSND Lâm Hoàng Nghiệp", "Ông Lâm Hoàng Nghiệp", "đ/c Lâm Hoàng Nghiệp"])
def test_validation_refuses_every_title_of_the_one_list(name: str) -> None:
    with pytest.raises(ValueError, match="học hàm, học vị"):
        Signer.model_validate({**SIGNER, "ho_ten": name})


@pytest.mark.parametrize("name", ["Phó Đức Phương", "Lâm Hoàng Nghiệp", "Ngô Văn Tiến", "Bùi Thị Giáo"])
def test_validation_takes_a_name_whose_word_is_no_title(name: str) -> None:
    assert Signer.model_validate({**SIGNER, "ho_ten": name}).ho_ten == name
