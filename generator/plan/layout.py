"""Slide geometry and type sizes shared by deck composition, the slide template and the PPTX
renderer (inches, points). Boxes are (left, top, width, height)."""

SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.6
HEADER_H = 1.75          # the coloured header: role icon, role label and title
ICON_BOX = (0.55, 0.42, 0.9, 0.9)
LABEL_BOX = (1.7, 0.2, 8.0, 0.42)
TITLE_BOX = (1.7, 0.58, 11.0, 1.07)
BODY_TOP, BODY_H = 1.92, 4.88
BODY_W = SLIDE_W - 2 * MARGIN
BODY_BOX = (MARGIN, BODY_TOP, BODY_W, BODY_H)
FOOTER_TOP, FOOTER_H = 6.9, 0.45
FOOTER_BOX = (MARGIN, FOOTER_TOP, 10.0, FOOTER_H)
NUMBER_BOX = (SLIDE_W - MARGIN - 1.5, FOOTER_TOP, 1.5, FOOTER_H)
COVER_TITLE_BOX = (0.8, 1.9, 9.6, 2.0)
COVER_SUBTITLE_BOX = (0.8, 4.1, 9.6, 2.2)
SECTION_TITLE_BOX = (0.8, 2.3, 11.7, 1.6)
SECTION_TEXT_BOX = (0.8, 4.1, 11.7, 1.5)

TITLE_PT = 32
BODY_PT = 24
LARGE_PT = 28            # body text on a slide with room to spare
LABEL_PT = 18            # role labels, chat sender names and footers: the smallest text on any slide
BUBBLE_PT = 20           # chat messages, as on a phone: a whole chat fits one slide
FOOTER_PT = 18
PARA_GAP_PT = 8
BULLET_INDENT = 0.4
BOX_MARGIN = 0.05        # a text box's inner margin, top and bottom (PowerPoint's default)

PICTURE_W = 3.2          # the role picture beside a short body
BUBBLE_W = 10.6
BUBBLE_PAD = 0.08
BUBBLE_GAP = 0.06
CHAT_HEADER_H = 0.45     # the chat window's bar: avatar and contact name
AVATAR = 0.42
