"""Renderers: each turns a planned lesson or band into the bytes of one artefact."""
