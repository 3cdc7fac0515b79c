"""Word's own list numbering: a decimal list definition in the document's numbering part, and a
numbering instance per list, so each list starts at its own number and renumbers when edited."""

from __future__ import annotations

import zlib

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

TWIP = 635      # EMU


def numbered(paragraph, num_id: int) -> None:
    """Make *paragraph* an item of the list *num_id*."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def new_list(doc, start: int = 1, indent: int = 0, hanging: int = 0) -> int:
    """Return the id of a new list of *doc* numbered "1.", "2.", ... from *start*, its bold number
    hanging *hanging* into an *indent* (EMU); with no indent, the number is followed by a space."""
    numbering = _numbering(doc)
    num = numbering.add_num(_definition(numbering, int(indent) // TWIP, int(hanging) // TWIP))
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def _numbering(doc):
    """Return the root of *doc*'s numbering part, adding the part if the template has none."""
    try:
        return doc.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING,
                             parse_xml(f"<w:numbering {nsdecls('w')}/>"), doc.part.package)
        doc.part.relate_to(part, RT.NUMBERING)
        return part.element


def _definition(numbering, indent: int, hanging: int) -> int:
    """Return the id of the decimal list definition with this indent (twips), adding it if needed;
    its nsid derives from the indent, so a document always gets the same definitions."""
    nsid = f"{zlib.crc32(f'lessonpack {indent} {hanging}'.encode()):08X}"
    abstracts = numbering.findall(qn("w:abstractNum"))
    for abstract in abstracts:
        if abstract.find(qn("w:nsid")) is not None and abstract.find(qn("w:nsid")).get(qn("w:val")) == nsid:
            return int(abstract.get(qn("w:abstractNumId")))
    abstract_id = max((int(a.get(qn("w:abstractNumId"))) for a in abstracts), default=-1) + 1
    layout = f'<w:pPr><w:ind w:left="{indent}" w:hanging="{hanging}"/></w:pPr>' if indent else ""
    suffix = "" if indent else '<w:suff w:val="space"/>'
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:nsid w:val="{nsid}"/>'
        '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="decimal"/>{suffix}<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>{layout}'
        '<w:rPr><w:b/></w:rPr></w:lvl></w:abstractNum>')
    first = numbering.find(qn("w:num"))
    if first is not None:
        first.addprevious(abstract)          # the schema puts every abstractNum before the first num
    else:
        numbering.append(abstract)
    return abstract_id
