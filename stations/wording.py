"""The Chinese words of the portal's documents (the report, the self-assessment workbook). A
document is Chinese whatever the language of the interface, of the command line that makes it,
or of the translation catalogues installed, so its words are written here, not translated."""

from __future__ import annotations

from stations.models import Contract, Evaluation, Stage

STAGE_NAMES: dict[str, str] = {Stage.MIDTERM: "中期", Stage.FINAL: "末期"}


def year_label(contract: Contract) -> str:
    """2024—2025 年度"""
    return f"{contract.years} 年度"


def stage_name(evaluation: Evaluation) -> str:
    """中期 / 末期"""
    return STAGE_NAMES[evaluation.stage]
