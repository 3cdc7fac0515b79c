"""Each artefact kind's text matches its reviewed golden copy (python tests/golden.py regenerates)."""

from __future__ import annotations

import pytest
from golden import ARTEFACTS, FOLDER, texts


@pytest.mark.parametrize("kind", sorted(ARTEFACTS))
def test_artefact_text_matches_golden(built, kind):
    assert texts(built)[kind] == (FOLDER / f"{kind}.txt").read_text()
