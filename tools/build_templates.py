"""Rebuild templates/cong-van.docx from schemas/nd30-profile.yaml.

Usage: python tools/build_templates.py   (from the repository root, with draftgen installed)
"""

from __future__ import annotations

from pathlib import Path

from draftgen.nd30.profile import load_profile
from draftgen.templatebuild import build_cong_van_template

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    profile = load_profile(ROOT / "schemas" / "nd30-profile.yaml")
    target = ROOT / "templates" / "cong-van.docx"
    target.write_bytes(build_cong_van_template(profile))
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
