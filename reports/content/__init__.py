"""The report as data, in the seed's order. Every figure comes from ``evaluation_figures`` and
``evaluation_scores``; what people wrote comes from the findings and recommendations, with
figure tokens filled in and marked names masked. The HTML and the PDF only render this.

``build`` (``build.py``) puts it together from ``words`` (the fixed wording), ``figures`` (the
citable figures and the printer), ``sections`` (the findings and the feedback) into the
dataclasses of ``data``."""

from reports.content.build import build, build_title
from reports.content.data import Group, Part, ReportData, SectionData
from reports.content.figures import MISSING_FIGURE, figure_values, printer

__all__ = [
    "MISSING_FIGURE",
    "Group",
    "Part",
    "ReportData",
    "SectionData",
    "build",
    "build_title",
    "figure_values",
    "printer",
]
