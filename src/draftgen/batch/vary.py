"""Validate the letter once, then per unit only what the unit changes.

Most of a batch letter is the same for every unit: the issuer, the date, the signer, Nơi nhận. Only the
top-level fields that hold a Jinja tag (``kinh_gui: Ủy ban nhân dân {{ unit.name }}``) or that a unit
overrides (``batch.overrides``, ``override.<field>`` columns) differ. :class:`VaryingValidator` validates
the letter of the first unit (without its overrides) in full, once; for each unit it copies that model and
validates only the changed top-level fields into the copy (pydantic's ``validate_assignment``, which also
runs the model's "after" validators, so the cross-field rules of the whole letter still apply).

Errors are never told from this path: a unit that fails it (or anything unexpected) is validated again in
full (:func:`draftgen.pipeline.validate_letter`), so its problems, fields and line numbers are exactly those
of a full validation. The path is used only where it is sound:

- every model validator of the letter's model runs "after" (a "before" one would see one field, not all);
- no top-level field validator reads other fields (``ValidationInfo.data``): a Biên bản's end time
  checked against its start would not be checked again when only the start changes;
- ``loai`` is the same for every unit (one model).

tests/batch/test_batch_vary.py compares, unit by unit, the model of this path with a full validation.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from draftgen.batch.letter import OVERRIDE_PREFIX, LetterPlan, has_field
from draftgen.load import Loaded
from draftgen.units import Unit


def _top(key: str) -> str | None:
    """The top-level field an override key changes ("nguoi_ky.ho_ten" → "nguoi_ky"); None when unclear."""
    parts = [p for p in key.rstrip("+").strip().split(".") if p]
    return parts[0] if parts and not parts[0].isdigit() else None


def sound_for(model: type) -> bool:
    """Whether validating only the changed top-level fields of ``model`` gives what a full validation gives."""
    decorators = getattr(model, "__pydantic_decorators__", None)
    if decorators is None or not hasattr(model, "__pydantic_validator__"):
        return False
    if any(d.info.mode != "after" for d in decorators.model_validators.values()):
        return False
    for validator in decorators.field_validators.values():
        try:
            parameters = inspect.signature(validator.func).parameters
        except (TypeError, ValueError):
            return False
        if len(parameters) > 1:  # (value, info): may read the other fields
            return False
    return True


class VaryingValidator:
    """Validates one plan's units: the unchanging part once, the changed top-level fields per unit."""

    def __init__(self, plan: LetterPlan, full: Any):
        self.plan, self.full = plan, full  # full(Loaded) -> model: the ordinary validation (raises InputError)
        data = plan.loaded.data
        tree = plan.tree if isinstance(plan.tree, dict) else {}
        self.varying = [key for key, value in tree.items() if has_field(value)]
        source = plan.loaded.source
        self.context = {"base_dir": Path(source).parent if source and Path(source).is_file() else None}
        self.base: Any = None
        self.fast = 0  # units validated by the fast path (the tests check that it is taken)
        self.enabled = isinstance(data, dict) and "loai" not in self.varying

    def _start(self, unit: Unit) -> None:
        """The base model: the letter of the first unit, without overrides, validated in full (once)."""
        self.enabled = False
        data, problems = self.plan.fields_data(unit)
        if problems:
            return
        try:
            base = self.full(Loaded(data, self.plan.loaded.lines, self.plan.source))
        except Exception:  # noqa: BLE001 - no base: every unit is validated in full, as before
            return
        if sound_for(type(base)):
            self.base, self.enabled = base, True

    def changed(self, unit: Unit) -> list[str] | None:
        """The top-level fields this unit changes, in the letter's order; None when that is unclear."""
        keys = dict.fromkeys(self.varying)
        overrides = [key for key, _, _ in self.plan.overrides.get(unit.code, [])]
        overrides += [column[len(OVERRIDE_PREFIX):] for column, text in unit.columns.items()
                      if column.startswith(OVERRIDE_PREFIX) and text != ""]
        for key in overrides:
            top = _top(key)
            if top is None or top == "loai":
                return None
            keys[top] = None
        return list(keys)

    def validate(self, unit: Unit, data: dict[str, Any]) -> Any:
        """The model of one unit's letter (``data``: its fields filled, its overrides applied)."""
        if self.enabled and self.base is None:
            self._start(unit)
        keys = self.changed(unit) if self.enabled else None
        if keys is not None and all(key in data for key in keys):
            model = self.base.model_copy()
            assign = type(model).__pydantic_validator__.validate_assignment
            try:
                for key in keys:
                    assign(model, key, data[key], context=self.context)
                self.fast += 1
                return model
            except Exception:  # noqa: BLE001 - told by the full validation below, with its lines
                pass
        return self.full(Loaded(data, self.plan.loaded.lines, self.plan.source))
