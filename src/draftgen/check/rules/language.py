"""A text typed without Vietnamese input ("CONG HOA XA HOI CHU NGHIA VIET NAM"): the components are
found by their Vietnamese words, so none can be recognised. One diagnosis instead of a "not found"
per component."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

from draftgen.check.findings import REGISTRY
from draftgen.check.locate import QUOC_HIEU_RE, norm
from draftgen.check.model import Para
from draftgen.check.rules.base import Context

RULE = "ND30-NO-DIACRITICS"
REGISTRY.add(RULE, "rule", "Văn bản gõ bằng chữ tiếng Việt Unicode có dấu (văn bản không dấu thì không nhận diện "
             "được các thành phần thể thức)")

# grave, acute, circumflex, tilde, breve, hook above, horn, dot below
VI_MARKS = {"\u0300", "\u0301", "\u0302", "\u0303", "\u0306", "\u0309", "\u031b", "\u0323"}
MIN_LETTERS = 40          # below this the text is too short to judge
MAX_MARKED = 0.01         # Vietnamese prose has ~20% marked letters; a stray 'Đ' in a typed-without-IME text


@lru_cache(maxsize=4096)
def is_marked(ch: str) -> bool:
    if ch in "đĐ":
        return True
    if ch.isascii():
        return False
    return any(c in VI_MARKS for c in unicodedata.normalize("NFD", ch))


def letter_counts(paras: list[Para]) -> tuple[int, int]:
    """(letters, letters with a Vietnamese diacritic) in the paragraphs."""
    letters = marked = 0
    # each distinct character judged once (a page holds thousands of letters and about a hundred distinct ones)
    for ch, n in Counter("".join(p.text for p in paras)).items():
        if ch.isalpha():
            letters += n
            if is_marked(ch):
                marked += n
    return letters, marked


def has_no_diacritics(paras: list[Para]) -> bool:
    letters, marked = letter_counts(paras)
    return letters >= MIN_LETTERS and marked <= MAX_MARKED * letters


def check(ctx: Context) -> bool:
    """Add the diagnosis and return True when the text has no Vietnamese diacritics."""
    paras = ctx.doc.paragraphs
    if not has_no_diacritics(paras):
        return False
    texts = [p for p in paras if any(ch.isalpha() for ch in p.text)]
    sample = next((p for p in texts[:80] if QUOC_HIEU_RE.search(norm(p.shown).upper())), texts[0])
    ctx.add(RULE, f"Văn bản không có dấu tiếng Việt (ví dụ '{norm(sample.text)[:50]}'), nên không nhận diện được "
            "các thành phần thể thức (Quốc hiệu, Tiêu ngữ, số ký hiệu, ngày tháng, Kính gửi, Nơi nhận …) và không "
            "kiểm tra được chúng. Hãy gõ văn bản bằng chữ tiếng Việt có dấu, bảng mã Unicode (bộ gõ Unikey, "
            "EVKey …), rồi kiểm tra lại.", sample)
    return True
