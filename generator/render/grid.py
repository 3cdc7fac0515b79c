"""Tables that place things on the page (cards, card panels): fixed widths, borders, shading
and margins set cell by cell."""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

EDGES = ("top", "left", "bottom", "right")


def table(doc, rows: int, widths: list[int]):
    """Return a new table of *rows* rows and columns of fixed *widths* (EMU), with no borders."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    table_width = tbl_pr.find(qn("w:tblW"))
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(sum(widths) // 635))
    for column, width in zip(table.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width
    return table


def header(row) -> None:
    """Mark *row* as its table's header row: its cells head the columns (and it repeats on a new page)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def lines(table, styles: dict[str, str], colour: str = "auto", size_pt: float = 0.75) -> None:
    """Draw *table*'s outer edges and inner lines ("top", ..., "insideH", "insideV") in the
    *styles* given ("dashed", "dotted", ...): cut and fold lines, say."""
    tbl_borders = OxmlElement("w:tblBorders")
    for edge in (*EDGES, "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), styles.get(edge, "nil"))
        if edge in styles:
            line.set(qn("w:sz"), str(round(size_pt * 8)))
            line.set(qn("w:space"), "0")
            line.set(qn("w:color"), colour)
        tbl_borders.append(line)
    table._tbl.tblPr.find(qn("w:tblLayout")).addprevious(tbl_borders)


def height(row, value: int, exact: bool = False) -> None:
    """Give *row* a height of at least (or exactly) *value* EMU, and keep it on one page."""
    row.height = value
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if exact else WD_ROW_HEIGHT_RULE.AT_LEAST
    unbroken(row)


def unbroken(row) -> None:
    """Keep *row* on one page: it never breaks across two."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def shade(cell, colour: str) -> None:
    """Fill *cell* with *colour* (hex)."""
    shd = OxmlElement("w:shd")
    for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", colour)):
        shd.set(qn(name), value)
    _tc_pr_child(cell, shd)


def borders(cell, colour: str, size_pt: float = 1.5, edges=EDGES) -> None:
    """Draw *cell*'s *edges* as lines of *colour*, *size_pt* thick."""
    tc_borders = OxmlElement("w:tcBorders")
    for edge in (e for e in EDGES if e in edges):
        line = OxmlElement(f"w:{edge}")
        for name, value in (("w:val", "single"), ("w:sz", str(round(size_pt * 8))), ("w:space", "0"),
                            ("w:color", colour)):
            line.set(qn(name), value)
        tc_borders.append(line)
    _tc_pr_child(cell, tc_borders)


def margins(cell, top: int = 0, left: int = 0, bottom: int = 0, right: int = 0) -> None:
    """Set *cell*'s inner margins (EMU)."""
    mar = OxmlElement("w:tcMar")
    for edge, value in zip(EDGES, (top, left, bottom, right)):
        side = OxmlElement(f"w:{edge}")
        side.set(qn("w:w"), str(int(value) // 635))
        side.set(qn("w:type"), "dxa")
        mar.append(side)
    _tc_pr_child(cell, mar)


def middle(cell) -> None:
    """Centre *cell*'s content vertically."""
    align = OxmlElement("w:vAlign")
    align.set(qn("w:val"), "center")
    _tc_pr_child(cell, align)


# the schema's order of a cell's properties
_TC_PR = ("tcW", "gridSpan", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText",
          "vAlign", "hideMark")


def _tc_pr_child(cell, element) -> None:
    """Put *element* in *cell*'s properties in the schema's order, replacing one of its kind."""
    tc_pr = cell._tc.get_or_add_tcPr()
    name = element.tag.split("}")[1]
    old = tc_pr.find(qn(f"w:{name}"))
    if old is not None:
        tc_pr.remove(old)
    later = _TC_PR[_TC_PR.index(name) + 1:]
    following = next((c for c in tc_pr if c.tag.split("}")[1] in later), None)
    if following is None:
        tc_pr.append(element)
    else:
        following.addprevious(element)
