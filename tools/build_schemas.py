"""Rebuild the committed JSON Schemas (schemas/*.schema.json): one per family, the combined one, the batch one.

Usage: python tools/build_schemas.py   (from the repository root, with draftgen installed)
"""

from __future__ import annotations

import json
from pathlib import Path

from draftgen.schema import committed_schemas

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    for name, schema in committed_schemas().items():
        target = ROOT / "schemas" / name
        target.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
