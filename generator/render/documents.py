"""Render Markdown (from a text template) to a DOCX with real headings, lists and tables."""

from __future__ import annotations

import functools
from copy import deepcopy
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from markdown_it import MarkdownIt

from ..errors import OutputError
from ..plan.textfit import line_count
from ..write.stamp import app_properties, package_zip, set_core_properties
from .cards import Card, CardLook, add_cards
from .colour import DARK
from .design import Design
from .icons import CREDIT
from .numbering import new_list, numbered
from .runs import add_icon, add_text
from .thumbnail import thumbnail

FONT = "Arial"
PAPER = {"a4": (Mm(210), Mm(297)), "letter": (Mm(215.9), Mm(279.4))}
MARGIN = Mm(15)
FOOTER_DISTANCE = Mm(6)    # from the page's edge: the footer (and a line under it) sits in the bottom margin
BODY_PT = 12
HEADING_PT = {1: 20, 2: 15, 3: 13}
WRITE_IN_ROW = Mm(12)      # room for a pupil's written answer
CARDS = "<!-- cards -->"   # before a list in a text template: lay the list out as cards
_PARSER = MarkdownIt("commonmark").enable("table")


def render_document(markdown: str, title: str, footer: str, design: Design, body_pt: float = BODY_PT,
                    line_spacing: float | None = None, page_colour: str | None = None,
                    plain_links: bool = False) -> bytes:
    """Return the DOCX bytes of *markdown*, laid out on the design's paper, body text at *body_pt*,
    with the line spacing and page colour given (a print variant's); *plain_links*: links in bold,
    not underlined (the large-print and dyslexia variants)."""
    doc = open_document(design)
    set_page(doc, footer, design)
    styles = set_styles(doc, design, body_pt)
    if line_spacing:
        doc.styles["Normal"].paragraph_format.line_spacing = line_spacing
    if page_colour:
        _page_colour(doc, page_colour)
    links = (design.accent_text_on_white, not plain_links)
    writer = _Writer(doc, styles, body_pt, links, design.theme.colours["help"])
    writer.write(_PARSER.parse(markdown))
    if writer.icons:
        credit(doc)
    return finish(doc, title, design)


def open_document(design: Design):
    """Return a new document from the design's base document, or raise OutputError."""
    try:
        return Document(str(design.documents_template))
    except Exception as e:  # python-docx raises several kinds for an unreadable file
        raise OutputError(f"{design.documents_template}: not a usable Word file ({e})") from e


def finish(doc, title: str, design: Design) -> bytes:
    """Return *doc*'s bytes, titled *title*, with fixed metadata and zip entries."""
    set_core_properties(doc.core_properties, title, design.school or "lessonpack", design.language, design.when)
    return package_zip(doc.part.package, app_properties(), thumbnail(title, design.primary, slide=False))


def set_page(doc, footer: str, design: Design, size: tuple | None = None, margin=MARGIN) -> None:
    """Set every section on *size* (default: the design's paper) with *margin*, and a footer of
    *footer* and the page number."""
    width, height = size or PAPER[design.paper]
    for section in doc.sections:
        section.page_width, section.page_height = width, height
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin
        section.footer_distance = min(FOOTER_DISTANCE, margin // 2)
        paragraph = section.footer.paragraphs[0]
        paragraph.text = f"{footer} | Page " if footer else "Page "
        _page_number(paragraph)
    _word_2013(doc)


def credit(doc, size_pt: float | None = None) -> None:
    """Credit the icons once: under the first page's footer, in *size_pt* (default the footer's)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    for paragraph in section.footer.paragraphs:
        copy = section.first_page_footer.paragraphs[0]
        copy._p.getparent().replace(copy._p, deepcopy(paragraph._p))
    line = section.first_page_footer.add_paragraph(CREDIT)
    if size_pt:
        line.runs[0].font.size = Pt(size_pt)


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


def set_styles(doc, design: Design, body_pt: float) -> dict[str, str]:
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
    styles["Footer"].paragraph_format.space_after = Pt(0)
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


@dataclass
class _List:
    """An open list: its Word numbering (None for bullets), or the cards it is laid out as."""

    num_id: int | None
    cards: list[Card] | None = None


class _Writer:
    """Walks markdown-it tokens and writes paragraphs, headings, lists (as Word lists, or as
    cards after a CARDS line), tables and icons (![alt](icon:NAME), decorative without alt)."""

    def __init__(self, doc, style_ids: dict[str, str], body_pt: float, links: tuple, colour: str):
        self.doc, self.style_ids, self.body_pt = doc, style_ids, body_pt
        self.scale = body_pt / BODY_PT
        self.links = links            # (colour, underlined) of web links
        self.colour = colour          # of icons, and of card headers
        self.lists: list[_List] = []
        self.table: list[list] | None = None
        self.cards_next = False       # the next list is laid out as cards
        self.icons = False            # whether any icon was drawn (and needs its credit)

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

    def _html_block(self, token):
        self.cards_next = token.content.strip() == CARDS

    def _bullet_list_open(self, token):
        self._open(None)

    def _ordered_list_open(self, token):
        start = int(token.attrGet("start") or 1)
        self._open(start if self.cards_next else new_list(self.doc, start, Mm(8 * self.scale), Mm(6 * self.scale)))

    def _open(self, num_id: int | None):
        self.lists.append(_List(num_id, [] if self.cards_next else None))
        self.cards_next = False

    def _bullet_list_close(self, token):
        done = self.lists.pop()
        if done.cards is not None:
            self._cards(done.cards, done.num_id or 1)

    _ordered_list_close = _bullet_list_close

    def _cards(self, cards: list[Card], start: int):
        section = self.doc.sections[-1]
        look = CardLook(self.colour, self.body_pt, self.body_pt, self.links)
        add_cards(self.doc, cards, look, section.page_width - section.left_margin - section.right_margin, start)
        self.icons = self.icons or any(card.icon for card in cards)
        self._spacer()

    def _spacer(self):
        spacer = self.paragraph().paragraph_format   # Word needs a paragraph after a table; keep it tiny
        spacer.space_after, spacer.line_spacing = Pt(6), Pt(1)

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
                paragraph._p.insert(0, parse_xml(f'<w:pPr {nsdecls("w")}><w:spacing w:after="0"/></w:pPr>'))
                self.runs(paragraph, children, bold=(r == 0))
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        table.rows[0]._tr.trPr.append(OxmlElement("w:tblHeader"))
        _fit_columns(table, rows, self.doc.sections[-1], self.body_pt)
        if _write_in(rows):
            for row in table.rows[1:]:
                row.height = WRITE_IN_ROW
        self._spacer()

    def _inline(self, token):
        if self.table is not None:
            self.table[-1].append(token.children)
        elif getattr(self, "heading", None):
            self.runs(self.paragraph(f"Heading {self.heading}"), token.children)
            self.heading = None
        elif self.lists and self.lists[-1].cards is not None:
            self.lists[-1].cards.append(_card(token.children))
        elif self.lists:
            listed = self.lists[-1]
            paragraph = self.paragraph("Normal" if listed.num_id else "List Bullet")
            if listed.num_id:
                numbered(paragraph, listed.num_id)
            self.runs(paragraph, token.children)
        else:
            self.runs(self.paragraph(), token.children)

    def runs(self, paragraph, children, bold: bool = False) -> None:
        """Add runs for inline tokens: text, strong, emphasis (shown bold), line breaks and icons;
        web addresses in text become links."""
        strong = 0
        for child in children:
            if child.type in ("strong_open", "em_open"):
                strong += 1
            elif child.type in ("strong_close", "em_close"):
                strong -= 1
            elif child.type in ("text", "code_inline"):
                add_text(paragraph, child.content, bold or strong > 0 or None, self.links)
            elif child.type == "softbreak":
                paragraph.add_run(" ")
            elif child.type == "hardbreak":
                paragraph.add_run().add_break()
            elif icon := _icon(child):
                add_icon(paragraph, icon, self.colour, Pt(self.body_pt), child.content)
                self.icons = True


def _icon(token) -> str | None:
    """Return the icon an image token shows (its source is "icon:NAME"), else None."""
    source = token.attrGet("src") if token.type == "image" else None
    return source.removeprefix("icon:") if source and source.startswith("icon:") else None


def _card(children) -> Card:
    """Return the card a list item makes: its icon, its bold start as the title, the rest as detail."""
    image = next((c for c in children if _icon(c)), None)
    title, detail, strong, seen = [], [], 0, False
    for child in children:
        if child.type == "strong_open":
            strong, seen = strong + 1, True
        elif child.type == "strong_close":
            strong -= 1
        elif child.type in ("text", "code_inline", "softbreak"):
            text = " " if child.type == "softbreak" else child.content
            (title if (strong or not seen) and not detail else detail).append(text)
    if not seen:
        title, detail = title + detail, []
    return Card("".join(title).strip(), "".join(detail).strip(), _icon(image) if image else None,
                image.content if image else "")


def _blank(column) -> bool:
    """Return whether a table column is empty below its header: a space for pupils to write in."""
    return not any(c.content.strip() for cell in column[1:] for c in cell)


def _write_in(rows) -> bool:
    return any(_blank(column) for column in zip(*rows))


def _fit_columns(table, rows, section, size_pt: float) -> None:
    """Size columns so that words up to 35% of the page never break and the rest of the width goes
    to columns in proportion to how much text they hold, then moved between columns while that
    makes the table shorter; a column empty below its header is for writing in, and gets 40% of
    the width."""
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
    if not _write_in(rows):
        widths = _fewest_lines(texts, widths, floors, usable // 40, size_pt)
    table.autofit = False
    grid = table._tbl.tblGrid
    for column, width in zip(grid.iterchildren(qn("w:gridCol")), widths):
        column.w = width
    for row in table._tbl.tr_lst:       # python-docx's column.cells rebuilds the whole grid each time
        for cell, width in zip(row.tc_lst, widths):
            cell.width = width


def _fewest_lines(texts, widths: list[int], floors, step: int, size_pt: float) -> list[int]:
    """Return *widths* after moving *step* at a time from one column to another (none below its
    floor) while that lowers the table's estimated height: its rows' tallest cells, in lines."""
    @functools.cache
    def lines(column: int, width: int) -> tuple[int, ...]:
        return tuple(line_count(t, (width - Pt(11)) / 914400, size_pt) for t in texts[column])

    def height(ws) -> int:
        return sum(map(max, zip(*(lines(c, w) for c, w in enumerate(ws)))))

    best = height(widths)
    for _ in range(40):
        moves = [[w + step * ((c == give) - (c == take)) for c, w in enumerate(widths)]
                 for give in range(len(widths)) for take in range(len(widths))
                 if give != take and widths[take] - step >= floors[take]]
        fewest = min(moves, key=height, default=widths)
        if height(fewest) >= best:
            break
        widths, best = fewest, height(fewest)
    return widths
