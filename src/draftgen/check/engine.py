"""Run every rule family over one document.

A rule that raises does not end the run. Each check of a family runs on its own (a family lists
them in ``CHECKS`` as (rule ids, function); otherwise its ``check`` covers all the rules it
registered), and an exception becomes one ND30-CHECK-FAILED finding that names the rules which
could not be applied to this document; every other rule still runs. Locating the components is
guarded the same way: if it fails, or the text has no Vietnamese diacritics at all (so nothing
can be recognised by its words), only the rules that do not need the components run.

Reading and building the document model never leak an exception either: a file that cannot be
read raises :class:`UnreadableDocument`; a fault of the checker itself while reading raises
:class:`CheckerFailure` (a subclass, so the command still exits 2 with a Vietnamese message).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import draftgen.check.doctype as doctype
from draftgen.check.findings import ERROR, REGISTRY, WARNING, Finding, Findings
from draftgen.check.locate import Layout, locate, split_issuer
from draftgen.check.locate_typed import find_ten_loai, locate_typed
from draftgen.check.model import Document, Para, build_document
from draftgen.check.reader import Package, UnreadableDocument, open_package, read_path
from draftgen.check.rules import FAMILIES, LAYOUT_FREE, language
from draftgen.check.rules.base import Context
from draftgen.check.typeprofile import family_cfg, profile_for
from draftgen.nd30.profile import Profile, default_profile

__all__ = ["CheckerFailure", "UnreadableDocument", "check_bytes", "check_document", "check_path", "has_errors"]

CHECK_FAILED = "ND30-CHECK-FAILED"
REGISTRY.add(CHECK_FAILED, "checker", "Trình kiểm tra không áp dụng được một quy tắc cho văn bản này (sự cố của "
             "trình kiểm tra, không phải lỗi của văn bản); các quy tắc khác vẫn được kiểm tra", severity=WARNING)
MAX_NAMED = 4

Check = Callable[[Context], object]


class CheckerFailure(UnreadableDocument):
    """The checker itself failed while reading a document (not the file's fault)."""


def _all_bold(p: Para) -> bool:
    runs = [r for r in p.text_runs() if any(ch.isalpha() for ch in r.text)]
    return bool(runs) and all(r.get("b") for r in runs)


def _rules_text(rule_ids: tuple[str, ...]) -> str:
    if len(rule_ids) == 1:
        rule = REGISTRY.rules.get(rule_ids[0])
        return f"quy tắc {rule_ids[0]}" + (f" ({rule.description})" if rule else "")
    named = ", ".join(rule_ids[:MAX_NAMED])
    more = f" và {len(rule_ids) - MAX_NAMED} quy tắc khác" if len(rule_ids) > MAX_NAMED else ""
    return f"các quy tắc {named}{more}"


def failure_finding(rule_ids: tuple[str, ...], exc: BaseException, what: str | None = None) -> Finding:
    what = what or f"Không áp dụng được {_rules_text(rule_ids)} cho văn bản này"
    return Finding(rule=CHECK_FAILED, severity=REGISTRY[CHECK_FAILED].severity,
                   message=f"{what}: trình kiểm tra gặp sự cố ({type(exc).__name__}) với cấu trúc của văn bản. "
                   "Đây không phải lỗi thể thức; các quy tắc khác vẫn được kiểm tra. Hãy gửi tệp cho nhóm phát "
                   "triển draftgen để sửa.")


def _run(ctx: Context, rule_ids: tuple[str, ...], fn: Check, what: str | None = None) -> object:
    """``fn(ctx)``; an exception becomes an ND30-CHECK-FAILED finding (and the result None)."""
    try:
        return fn(ctx)
    except Exception as exc:  # noqa: BLE001 - one rule's fault must not end the run (RecursionError included)
        ctx.findings.append(failure_finding(rule_ids, exc, what))
        return None


def _checks(family) -> list[tuple[tuple[str, ...], Check]]:
    checks = getattr(family, "CHECKS", None)
    if checks:
        return [(tuple(ids), fn) for ids, fn in checks]
    return [(tuple(REGISTRY.ids_of(family.__name__)), family.check)]


def _locate(ctx: Context) -> bool:
    cfg = ctx.cfg
    cat = doctype.catalogue(cfg)
    lay = locate(ctx.doc, cat.names)
    split_issuer(lay, cfg["issuer_parent_words"], cfg["issuer_unit_words"], _all_bold)
    lay.ten_loai = find_ten_loai(ctx.doc, lay, set(cat.by_key))
    ctx.lay = lay
    return True


def _typed(ctx: Context, loai: str | None) -> str:
    """Tell the type (or that the file is no administrative document), then locate that type's parts.
    Returns "admin" or "not_admin"."""
    cat = doctype.catalogue(ctx.cfg)
    lay = ctx.lay
    if loai is None and not doctype.is_administrative(ctx.doc, lay):
        ctx.add(doctype.NOT_ADMIN, doctype.not_admin_message(ctx.doc))
        ctx.administrative = False
        return "not_admin"
    ctx.administrative = True
    found = doctype.detect(lay, cat, cat.by_loai[loai] if loai else None)
    ctx.doc_type = lay.doc_type = found
    if found is None:
        return "admin"
    lay.is_cong_van = found.is_cong_van
    ctx.profile = profile_for(ctx.profile, found.family)
    locate_typed(ctx.doc, lay, found, family_cfg(ctx.cfg, found.family))
    return "admin"


def check_document(doc: Document, profile: Profile | None = None, loai: str | None = None) -> Findings:
    """Findings for one document; ``loai`` (a key of :func:`doctype.loai_keys`) checks it as that type."""
    profile = profile or default_profile()
    if loai is not None and loai not in doctype.catalogue(profile.raw["check"]).by_loai:
        raise ValueError(f"unknown loai {loai!r}")
    ctx = Context(doc=doc, lay=Layout(), profile=profile, base=profile)
    families = FAMILIES
    if _run(ctx, (language.RULE,), language.check):
        families = LAYOUT_FREE             # one diagnosis instead of a "not found" per component
    else:
        dependent = tuple(rid for fam in FAMILIES if fam not in LAYOUT_FREE for rid in REGISTRY.ids_of(fam.__name__))
        if not _run(ctx, dependent, _locate, "Không nhận diện được các thành phần thể thức (Quốc hiệu, số ký hiệu, "
                    "nơi nhận …) của văn bản này, nên chỉ kiểm tra khổ giấy, lề, số trang và phông chữ"):
            ctx.lay = Layout()
            families = LAYOUT_FREE
        elif _run(ctx, dependent, lambda c: _typed(c, loai), "Không xác định được loại văn bản và các thành phần "
                  "riêng của loại, nên chỉ kiểm tra các quy tắc chung") == "not_admin":
            families = ()                  # one finding: not an administrative document
    for family in families:
        for rule_ids, fn in _checks(family):
            _run(ctx, rule_ids, fn)
    order = {"document": 0}
    findings = sorted(ctx.findings, key=lambda f: (order.get(f.part, 1), f.part, f.paragraph or 0))
    return Findings(findings, doc_type=ctx.doc_type, administrative=ctx.administrative, layout=ctx.lay)


def _build(read: Callable[[], Package], source: str) -> Document:
    try:
        return build_document(read())
    except UnreadableDocument:
        raise
    except Exception as exc:  # noqa: BLE001 - a reader fault must not show a traceback
        raise CheckerFailure(f"{source}: trình kiểm tra không đọc được cấu trúc của tệp (sự cố {type(exc).__name__}); "
                             "hãy gửi tệp cho nhóm phát triển draftgen.") from exc


def check_bytes(data: bytes, source: str = "<bytes>", profile: Profile | None = None,
                loai: str | None = None) -> Findings:
    """Findings for a DOCX given as bytes (``.doc_type``: the type checked). Raises :class:`UnreadableDocument`."""
    return check_document(_build(lambda: open_package(data, source), source), profile, loai)


def check_path(path: str | Path, profile: Profile | None = None, loai: str | None = None) -> Findings:
    """Findings for a DOCX file (``.doc_type``: the type checked). Raises :class:`UnreadableDocument`."""
    return check_document(_build(lambda: read_path(path), str(path)), profile, loai)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
