"""One line per band, lesson, module and region (`lessonpack list`), and the reading report."""

from __future__ import annotations

from ..load.curriculum import Curriculum


def describe(curriculum: Curriculum) -> list[str]:
    """Return the lines describing *curriculum*."""
    lines = []
    for band in curriculum.bands.values():
        lines.append(f"band    {band.id:<8} {band.label} ({band.school_years}), reading grade <= {band.reading_grade:g}")
    minutes = curriculum.sequences.lesson_minutes
    for band_id, lessons in curriculum.sequences.bands.items():
        for lesson in lessons:
            lines.append(f"lesson  {band_id:<8} {lesson.id}: {lesson.title} [{', '.join(lesson.modules)}], "
                         f"{minutes} minutes")
    for module in curriculum.modules.values():
        lines.append(f"module  {module.id:<24} {module.audience:<8} bands {', '.join(module.bands)}; "
                     f"reviewed {module.reviewed}")
    for region in curriculum.regions.values():
        lines.append(f"region  {region.region:<8} {region.name}: {len(region.services)} services, "
                     f"{region.paper}, {region.language}")
    return lines


def reading_report(grades: dict[str, dict[str, float]], targets: dict[str, float]) -> list[str]:
    """Return a line per band (highest and mean grade of its pupil artefacts), then per artefact."""
    lines = []
    for band, by_path in grades.items():
        values = list(by_path.values())
        lines.append(f"reading {band:<8} target <= {targets[band]:g}: highest {max(values):g}, "
                     f"mean {sum(values) / len(values):.1f} over {len(values)} pupil artefacts")
        lines += [f"reading   {grade:>5g}  {path}" for path, grade in sorted(by_path.items())]
    return lines
