"""Slide geometry and type sizes shared by deck composition and the PPTX renderer (inches, points)."""

SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.6
TITLE_TOP, TITLE_H = 0.25, 1.3
BODY_TOP, BODY_H = 1.75, 4.85
BODY_W = SLIDE_W - 2 * MARGIN
FOOTER_TOP, FOOTER_H = 6.85, 0.5

TITLE_PT = 32
BODY_PT = 24
LABEL_PT = 18            # chat sender names and footers: the smallest text on any slide
BUBBLE_PT = 20           # chat messages, as on a phone: a whole chat fits one slide
FOOTER_PT = 18
PARA_GAP_PT = 8
BULLET_INDENT = 0.4
BOX_MARGIN = 0.05        # a text box's inner margin, top and bottom (PowerPoint's default)

BUBBLE_W = 10.5
BUBBLE_PAD = 0.08
BUBBLE_GAP = 0.06
