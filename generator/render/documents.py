"""Render Markdown (from a text template) to a DOCX with real headings, lists and tables."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from markdown_it import MarkdownIt

from ..colour import DARK
from ..errors import OutputError
from ..stamp import app_properties, normalise_zip, set_core_properties
from .design import Design

FONT = "Arial"
PAPER = {"a4": (Mm(210), Mm(297)), "letter": (Mm(215.9), Mm(279.4))}
MARGIN = Mm(15)
BODY_PT = 12
HEADING_PT = {1: 20, 2: 15, 3: 13}
WRITE_IN_ROW = Mm(12)      # room for a pupil's written answer
_PARSER = MarkdownIt("commonmark").enable("table")


def render_document(markdown: str, title: str, footer: str, design: Design, body_pt: float = BODY_PT,
                    line_spacing: float | None = None, page_colour: str | None = None,
                    plain_links: bool = False) -> bytes:
    """Return the DOCX bytes of *markdown*, laid out on the design's paper, body text at *body_pt*,
    with the line spacing and page colour given (a print variant's); *plain_links*: links in bold,
    not underlined (the large-print and dyslexia variants)."""
    try:
        doc = Document(str(design.documents_template))
    except Exception as e:  # python-docx raises several kinds for an unreadable file
        raise OutputError(f"{design.documents_template}: not a usable Word file ({e})") from e
    _page(doc, footer, design)
    styles = _styles(doc, design, body_pt)
    if line_spacing:
        doc.styles["Normal"].paragraph_format.line_spacing = line_spacing
    if page_colour:
        _page_colour(doc, page_colour)
    links = (design.accent_text_on_white, not plain_links)
    _Writer(doc, styles, body_pt / BODY_PT, links).write(_PARSER.parse(markdown))
    set_core_properties(doc.core_properties, title, design.school or "lessonpack", design.language, design.when)
    out = io.BytesIO()
    doc.save(out)
    return normalise_zip(out.getvalue(), app_properties())


def _page(doc, footer: str, design: Design) -> None:
    width, height = PAPER[design.paper]
    for section in doc.sections:
        section.page_width, section.page_height = width, height
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
        paragraph = section.footer.paragraphs[0]
        paragraph.text = f"{footer} | Page " if footer else "Page "
        _page_number(paragraph)
    _word_2013(doc)


def _page_number(paragraph) -> None:
    """Add the page number as a field, so Word and LibreOffice number every page themselves."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _word_2013(doc) -> None:
    """Open in Word 2013+ mode rather than Compatibility Mode (the base document says Word 2010)."""
    for setting in doc.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _styles(doc, design: Design, body_pt: float) -> dict[str, str]:
    """Set fonts, sizes and colours of the styles used; return their ids by name."""
    try:
        styles = {name: doc.styles[name] for name in ("Normal", "Heading 1", "Heading 2", "Heading 3",
                                                       "List Bullet", "Table Grid", "Footer")}
    except KeyError as e:
        raise OutputError(f"{design.documents_template}: the base document lacks the style {e}") from e
    for style in styles.values():
        _plain_font(style)
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(body_pt)
    normal.font.color.rgb = RGBColor.from_string(DARK)
    normal.paragraph_format.space_after = Pt(4)
    styles["List Bullet"].paragraph_format.space_after = Pt(1)
    for level, size in HEADING_PT.items():
        font = styles[f"Heading {level}"].font
        font.size, font.italic = Pt(size + body_pt - BODY_PT), False
        colour = design.primary_text_on_white if level == 1 else design.accent_text_on_white
        font.color.rgb = RGBColor.from_string(colour)
    styles["Footer"].font.size = Pt(body_pt)
    _language(doc, design.language)
    return {name: style.style_id for name, style in styles.items()}


def _page_colour(doc, colour: str) -> None:
    """Colour every page (and ask Word to show it) for a dyslexia-friendly cream background."""
    background = OxmlElement("w:background")
    background.set(qn("w:color"), colour)
    doc.element.insert(0, background)
    settings = doc.settings.element
    show = OxmlElement("w:displayBackgroundShape")
    # its place in the schema's order: after zoom, view or writeProtection, whichever comes last
    before = next((e for name in ("zoom", "view", "writeProtection") if (e := settings.find(qn(f"w:{name}"))) is not None),
                  None)
    if before is None:
        settings.insert(0, show)
    else:
        before.addnext(show)


def _plain_font(style) -> None:
    """Use Arial in *style*, dropping theme fonts, which would otherwise take precedence."""
    style.font.name = FONT
    fonts = style.element.rPr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _language(doc, language: str) -> None:
    """Declare the document language in the default run properties."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        doc.styles.element.insert(0, defaults)
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language)


class _Writer:
    """Walks markdown-it tokens and writes paragraphs, headings, lists and tables."""

    def __init__(self, doc, style_ids: dict[str, str], scale: float, links: tuple):
        self.doc, self.style_ids, self.scale = doc, style_ids, scale   # scale: body size over 12pt
        self.links = links            # (colour, underlined) of web links
        self.lists: list[list] = []   # per open list: [ordered, next number]
        self.table: list[list] | None = None

    def paragraph(self, style: str = "Normal"):
        """Add a paragraph in *style*, set by id: python-docx's lookup by name is slow."""
        paragraph = self.doc.add_paragraph()
        if style != "Normal":
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def write(self, tokens) -> None:
        for token in tokens:
            handler = getattr(self, "_" + token.type, None)
            if handler:
                handler(token)

    def _heading_open(self, token):
        self.heading = int(token.tag[1])

    def _bullet_list_open(self, token):
        self.lists.append([False, 0])

    def _ordered_list_open(self, token):
        self.lists.append([True, int(token.attrGet("start") or 1)])

    def _bullet_list_close(self, token):
        self.lists.pop()

    _ordered_list_close = _bullet_list_close

    def _hr(self, token):
        self.paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _table_open(self, token):
        self.table = []

    def _tr_open(self, token):
        self.table.append([])

    def _table_close(self, token):
        rows, self.table = self.table, None
        table = self.doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        table._tbl.tblPr.get_or_add_tblStyle().val = self.style_ids["Table Grid"]
        for r, (row, cells) in enumerate(zip(table.rows, rows)):
            for cell, children in zip(row.cells, cells):
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(0)
                _inline(paragraph, children, bold=(r == 0), links=self.links)
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        table.rows[0]._tr.trPr.append(OxmlElement("w:tblHeader"))
        _fit_columns(table, rows, self.doc.sections[-1], BODY_PT * self.scale)
        if _write_in(rows):
            for row in table.rows[1:]:
                row.height = WRITE_IN_ROW
        spacer = self.paragraph().paragraph_format   # Word needs a paragraph after a table; keep it tiny
        spacer.space_after, spacer.line_spacing = Pt(6), Pt(1)

    def _inline(self, token):
        if self.table is not None:
            self.table[-1].append(token.children)
        elif getattr(self, "heading", None):
            paragraph = self.paragraph(f"Heading {self.heading}")
            _inline(paragraph, token.children, links=self.links)
            self.heading = None
        elif self.lists:
            ordered, number = self.lists[-1]
            paragraph = self.paragraph("Normal" if ordered else "List Bullet")
            if ordered:
                paragraph.paragraph_format.left_indent = Mm(8 * self.scale)
                paragraph.paragraph_format.first_line_indent = Mm(-6 * self.scale)
                paragraph.add_run(f"{number}.\t").bold = True
                self.lists[-1][1] += 1
            _inline(paragraph, token.children, links=self.links)
        else:
            _inline(self.paragraph(), token.children, links=self.links)


def _text(paragraph, text: str, bold, links) -> None:
    """Add *text* as runs, each web address in it as a link to that address."""
    start = 0
    for match in WEB.finditer(text) if links else ():
        address = match.group(0).rstrip(".")
        if match.start() > start:
            paragraph.add_run(text[start:match.start()]).bold = bold
        _link(paragraph, address, bold, *links)
        start = match.start() + len(address)
    if start < len(text) or not text:
        paragraph.add_run(text[start:]).bold = bold


def _link(paragraph, address: str, bold, colour: str, underline: bool) -> None:
    """Add a link to *address* (https:// added when it has no scheme), coloured, underlined
    unless the print variant uses bold for emphasis instead."""
    target = address if "://" in address else f"https://{address}"
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(target, RT.HYPERLINK, is_external=True))
    paragraph._p.append(link)
    run = paragraph.add_run(address)
    run.bold = bold if underline else True
    run.font.color.rgb = RGBColor.from_string(colour)
    run.font.underline = underline or None
    link.append(run._r)


def _blank(column) -> bool:
    """Return whether a table column is empty below its header: a space for pupils to write in."""
    return not any(c.content.strip() for cell in column[1:] for c in cell)


def _write_in(rows) -> bool:
    return any(_blank(column) for column in zip(*rows))


def _fit_columns(table, rows, section, size_pt: float) -> None:
    """Size columns so that words up to 35% of the page never break and the rest of the width goes
    to columns in proportion to how much text they hold;
    a column empty below its header is for writing in, and gets 40% of the width."""
    usable = section.page_width - section.left_margin - section.right_margin
    columns = list(zip(*rows))
    texts = [["".join(c.content for c in cell) for cell in col] for col in columns]
    words = [max((len(w) for text in col for w in text.split()), default=0) for col in texts]
    lengths = [sum(len(text) for text in col) for col in texts]
    floors = [0.4 * usable if _blank(col) else min(0.35 * usable, Pt(size_pt * 0.55 * n + 12))
              for col, n in zip(columns, words)]
    if sum(floors) > usable:
        floors = [f * usable / sum(floors) for f in floors]
    spare = usable - sum(floors)
    text = [0 if _blank(col) else n for col, n in zip(columns, lengths)]
    widths = [int(f + spare * n / (sum(text) or 1)) for f, n in zip(floors, text)]
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width


WEB = re.compile(r"\b(?:https?://[^\s|,;()]+|(?:[a-z0-9-]+\.)+(?:org\.uk|police\.uk|gov\.uk|co\.uk|nhs\.uk|uk|com|org|net"
                 r"|gov|gov\.au|org\.au|com\.au|net\.au|au)(?:/[^\s|,;()]*)?)", re.I)


def _inline(paragraph, children, bold: bool = False, links: tuple | None = None) -> None:
    """Add runs for inline tokens: text, strong, emphasis (shown bold) and line breaks; web
    addresses in text become links, in *links*' (colour, underlined) style."""
    strong = 0
    for child in children:
        if child.type in ("strong_open", "em_open"):
            strong += 1
        elif child.type in ("strong_close", "em_close"):
            strong -= 1
        elif child.type in ("text", "code_inline"):
            _text(paragraph, child.content, bold or strong > 0 or None, links)
        elif child.type == "softbreak":
            paragraph.add_run(" ")
        elif child.type == "hardbreak":
            paragraph.add_run().add_break()
