"""One line per band, lesson, module and region, for `lessonpack list`."""

from __future__ import annotations

from .curriculum import Curriculum


def describe(curriculum: Curriculum) -> list[str]:
    """Return the lines describing *curriculum*."""
    lines = []
    for band in curriculum.bands.values():
        lines.append(f"band    {band.id:<8} {band.label} ({band.school_years}), reading grade <= {band.reading_grade:g}")
    for band_id, lessons in curriculum.sequences.bands.items():
        for lesson in lessons:
            lines.append(f"lesson  {band_id:<8} {lesson.id}: {lesson.title} [{', '.join(lesson.modules)}]")
    for module in curriculum.modules.values():
        lines.append(f"module  {module.id:<24} {module.audience:<8} bands {', '.join(module.bands)}; "
                     f"reviewed {module.reviewed}")
    for region in curriculum.regions.values():
        lines.append(f"region  {region.region:<8} {region.name}: {len(region.services)} services, "
                     f"{region.paper}, {region.language}")
    return lines
