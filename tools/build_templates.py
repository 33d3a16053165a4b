"""Rebuild the bundled templates (one per family of data/doc_types.yaml) from schemas/nd30-profile.yaml.

Usage: python tools/build_templates.py   (from the repository root, with draftgen installed)
"""

from __future__ import annotations

from pathlib import Path

from draftgen.doctypes.data import families
from draftgen.nd30.profile import load_profile
from draftgen.templatebuild import build_template

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    profile = load_profile(ROOT / "schemas" / "nd30-profile.yaml")
    for family, facts in families().items():
        target = ROOT / "templates" / facts["template"]
        target.write_bytes(build_template(family, profile))
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
