"""Small builders of WordprocessingML fragments (as text), shared by the template builder and the renderer.

Only structure lives here; every size, font and indent comes from the caller (the ND30 profile).
"""

from __future__ import annotations

from draftgen.xmltext import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

NO_BORDERS = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def text_run(text: str, rpr: str = "") -> str:
    """A run holding ``text`` (escaped)."""
    rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{rpr_xml}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(style_id: str, content: str = "", ppr: str = "", raw: bool = False) -> str:
    """A paragraph of style ``style_id``. ``content`` is text (escaped) unless ``raw`` is true."""
    body = content if raw else (text_run(content) if content else "")
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{ppr}</w:pPr>{body}</w:p>'


def indent(left: int, right: int = 0, first_line: int | None = None, hanging: int | None = None) -> str:
    """``<w:ind>`` with the given twips."""
    extra = ""
    if first_line is not None:
        extra += f' w:firstLine="{first_line}"'
    if hanging is not None:
        extra += f' w:hanging="{hanging}"'
    return f'<w:ind w:left="{left}" w:right="{right}"{extra}/>'


def rule_paragraph(style_id: str, left: int, right: int) -> str:
    """An empty paragraph whose bottom border (from its style) is the rule line between the indents."""
    return paragraph(style_id, ppr=indent(left, right))


def boxed_paragraph(style_id: str, text: str, left: int, right: int) -> str:
    """A paragraph whose box border (from its style) frames ``text`` between the indents."""
    return paragraph(style_id, text, ppr=indent(left, right))


def tag_paragraph(tag: str) -> str:
    """A paragraph holding only a docxtpl paragraph tag such as ``{%p for x in xs %}``."""
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(tag)}</w:t></w:r></w:p>'


def cell(width: int, content: str) -> str:
    """A borderless table cell of ``width`` twips."""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:tcBorders>{NO_BORDERS}</w:tcBorders>'
            f"</w:tcPr>{content}</w:tc>")


def layout_table(widths: list[int], rows: list[list[str]], *, cell_margin: int, top_padding: int = 0,
                 cant_split: bool = False) -> str:
    """A layout table: no borders, fixed layout, explicit grid (LibreOffice honours only the grid)."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    trpr = "<w:trPr><w:cantSplit/></w:trPr>" if cant_split else ""
    body = "".join(
        f"<w:tr>{trpr}" + "".join(cell(w, c) for w, c in zip(widths, row, strict=True)) + "</w:tr>"
        for row in rows
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{NO_BORDERS}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        f'<w:tblCellMar><w:top w:w="{top_padding}" w:type="dxa"/><w:left w:w="{cell_margin}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'
    )


_GRID = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def grid_table(widths: list[int], header: list[str], rows: list[list[str]], *, header_style: str, cell_style: str,
               cell_margin: int = 85) -> str:
    """A data table in the body (a Kế hoạch's tasks): single borders, fixed layout, the header row bold
    (its style) and repeated on every page, rows that do not split across pages; cell text is escaped."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)

    def row(cells: list[str], style: str, is_header: bool) -> str:
        trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if is_header else "") + "</w:trPr>"
        return f"<w:tr>{trpr}" + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{paragraph(style, text)}</w:tc>'
            for w, text in zip(widths, cells, strict=True)) + "</w:tr>"

    body = row(header, header_style, True) + "".join(row(r, cell_style, False) for r in rows)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{_GRID}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/><w:right w:w="{cell_margin}" w:type="dxa"/>'
        f'</w:tblCellMar><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'
    )
