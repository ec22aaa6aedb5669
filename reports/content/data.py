"""The report as data: what the HTML and the PDF render, part by part."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.annexes import Annex


@dataclass
class Group:
    """Findings of one polarity (in 服务质量: of one service area)."""

    heading: str  # e.g. "（1）北山片区，该片区范围包括：北山社区"; empty when not grouped
    items: list[str]  # numbered texts


@dataclass
class Part:
    title: str  # 值得肯定的地方 / 需要关注的地方
    lead: str
    groups: list[Group]


@dataclass
class SectionData:
    number: str  # （三）
    title: str
    lead: str  # for the parties' sections
    parts: list[Part]


@dataclass
class ReportData:
    title: str
    title_main: str  # the cover's first line: 2024—2025 年度海珠区官洲街社工服务站
    title_sub: str  # and its second: 中期评估报告
    station: str
    station_short: str
    bureau: str
    buyer: str
    operator: str
    agency: str
    date_text: str
    stage: str
    intro: str
    background: str
    stages: list[tuple[str, str]]
    results_rule: str
    basic_info: list[str]
    progress: str
    progress_judgement: str
    sections: list[SectionData]
    feedback: list[str]
    score: str
    grade: str
    conclusion_intro: list[str]
    recommendations: list[str]
    annex1: Annex
    annex2: Annex
    provisional_note: str  # what the grade section prints instead of a score while provisional

    @property
    def annexes(self) -> list[Annex]:
        return [self.annex1, self.annex2]
