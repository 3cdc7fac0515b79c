"""lessonpack: age-banded lesson packs on online sexual coercion and extortion."""

from .pipeline import BuildOptions, build, validate

__all__ = ["BuildOptions", "build", "validate"]
