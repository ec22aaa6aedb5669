"""The report's sections of findings (二(三) to 二(九)) and its feedback (三、评估反馈)."""

from __future__ import annotations

from django.db.models import Count, Q

from reports import text as report_text
from reports.content.data import Group, Part, SectionData
from reports.content.words import (
    LEADS,
    PARTY_LEADS,
    POLARITY_TITLES,
    WHAT,
)
from reports.enums import SECTION_TITLES
from reports.models import (
    FeedbackParty,
    FeedbackRound,
    Finding,
    Objection,
    Polarity,
    Section,
    SignOff,
)


def section_data(evaluation, written) -> list[SectionData]:
    findings = list(Finding.objects.filter(evaluation=evaluation).select_related("service_area"))
    areas = list(evaluation.contract.station.service_areas.prefetch_related("communities").all())
    sections = []
    for number, section in enumerate(Section, start=3):
        mine = [f for f in findings if f.section == section]
        parts = []
        for polarity in Polarity:
            of_polarity = sorted(
                (f for f in mine if f.polarity == polarity), key=lambda f: f.position
            )
            if section == Section.SERVICE_QUALITY:
                groups = []
                for n, area in enumerate(
                    [a for a in areas if any(f.service_area_id == a.pk for f in of_polarity)],
                    start=1,
                ):
                    items = [f for f in of_polarity if f.service_area_id == area.pk]
                    communities = "、".join(c.name for c in area.communities.all())
                    groups.append(
                        Group(
                            heading=f"{report_text.numbered(n)}{area.name}，该片区范围包括：{communities}",
                            items=[
                                f"{report_text.circled(i)}{written(f.text)}"
                                for i, f in enumerate(items, start=1)
                            ],
                        )
                    )
            else:
                texts = [written(f.text) for f in of_polarity]
                numbered = (
                    texts
                    if len(texts) == 1
                    else [f"{report_text.numbered(i)}{t}" for i, t in enumerate(texts, start=1)]
                )
                groups = [Group(heading="", items=numbered)] if numbered else []
            lead = LEADS.get(section, "")
            parts.append(
                Part(
                    title=f"{polarity_index(polarity)}. {POLARITY_TITLES[polarity]}",
                    lead=written(lead.format(what=WHAT[polarity])) if lead else "",
                    groups=groups,
                )
            )
        sections.append(
            SectionData(
                number=f"（{report_text.chinese_number(number)}）",
                title=SECTION_TITLES[section],
                lead=PARTY_LEADS.get(section, ""),
                parts=parts,
            )
        )
    return sections


def polarity_index(polarity: str) -> int:
    return 1 if polarity == Polarity.STRENGTH else 2


def feedback_paragraphs(evaluation, station_short: str, bureau: str, buyer: str) -> list[str]:
    onsite = (
        f"1.现场反馈：经过为期一天的评估，评估专家针对{station_short}的情况，进行了现场总结反馈。"
    )
    latest = FeedbackRound.objects.filter(evaluation=evaluation).order_by("-number").first()
    if latest is None:
        return [onsite, "2.对评估报告初稿的反馈：评估报告初稿尚未发出征求意见。"]
    objections = Objection.objects.filter(round__evaluation=evaluation).aggregate(
        total=Count("pk"),
        accepted=Count("pk", filter=Q(answer=Objection.Answer.ACCEPTED)),
        partly=Count("pk", filter=Q(answer=Objection.Answer.PARTLY)),
        rejected=Count("pk", filter=Q(answer=Objection.Answer.REJECTED)),
    )
    names = {
        FeedbackParty.BUREAU: bureau,
        FeedbackParty.BUYER: buyer,
        FeedbackParty.STATION: station_short,
        FeedbackParty.SUPERVISION: "督导中心",
    }
    sign_offs = {s.party: s for s in SignOff.objects.filter(round=latest)}
    agreed = [
        names[p]
        for p in FeedbackParty
        if p in sign_offs and sign_offs[p].decision == SignOff.Decision.NO_OBJECTION
    ]
    remaining = [
        f"{names[p]}（{sign_offs[p].note}）" if sign_offs[p].note else names[p]
        for p in FeedbackParty
        if p in sign_offs and sign_offs[p].decision == SignOff.Decision.OBJECTION_REMAINS
    ]
    pending = [names[p] for p in FeedbackParty if p not in sign_offs]
    text = "2.对评估报告初稿的反馈："
    if objections["total"]:
        text += (
            f"各方共提出异议 {objections['total']} 条，其中采纳 {objections['accepted']} 条、部分采纳 "
            f"{objections['partly']} 条、不予采纳 {objections['rejected']} 条，均已逐条回复。"
        )
    text += "经调整，" if objections["total"] else ""
    if agreed:
        text += f"{'、'.join(agreed)}对评估报告初稿无异议。"
    if remaining:
        text += f"{'、'.join(remaining)}仍有异议。"
    if pending:
        text += f"{'、'.join(pending)}尚未反馈。"
    return [onsite, text]
