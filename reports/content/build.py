"""Building the report from the data, in the seed's order: the cover and background, 二(一)
basic facts, 二(二) progress, the sections, feedback, grade and conclusion, the annexes."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from indicators import annexes
from indicators.selectors import Figures, evaluation_figures
from reports import text as report_text
from reports.content.data import ReportData
from reports.content.figures import figure_values, printer
from reports.content.sections import feedback_paragraphs, section_data
from reports.content.words import (
    PARTY_NAMES_IN_WEIGHTS,
)
from reports.models import (
    MaskedName,
    Recommendation,
)
from scoring.models import Party
from scoring.selectors import Summary, evaluation_scores
from stations import numbers, wording
from stations.models import Assignment, Evaluation, Membership, Organisation, OrganisationKind, Role


def organisation_name(kind: str, **scope) -> str:
    organisation = Organisation.objects.filter(kind=kind, **scope).first()
    return organisation.name if organisation else "—"


def short(name: str) -> str:
    """广州市海珠区民政局 → 海珠区民政局 (the report's running text drops the city)."""
    return name.removeprefix("广州市")


def build_title(evaluation: Evaluation) -> str:
    """2024—2025 年度海珠区官洲街社工服务站 中期评估报告"""
    contract = evaluation.contract
    station = contract.station
    return (
        f"{wording.year_label(contract)}{station.street.district.name}{station.name} "
        f"{wording.stage_name(evaluation)}评估报告"
    )


def build(evaluation: Evaluation) -> ReportData:
    with translation.override("zh-hans"):  # the report is a Chinese document
        return _build(evaluation)


def _build(evaluation: Evaluation) -> ReportData:
    contract = evaluation.contract
    station = contract.station
    street = station.street
    figures = evaluation_figures(evaluation)
    summary = evaluation_scores(evaluation)
    values = figure_values(evaluation, figures, summary)
    masks = list(MaskedName.objects.filter(evaluation=evaluation).values_list("name", flat=True))

    written = printer(values, masks)

    bureau = organisation_name(OrganisationKind.BUREAU, district_id=street.district_id)
    buyer = organisation_name(OrganisationKind.STREET_OFFICE, street_id=street.pk)
    terms = [line.term for line in figures.staffing] or list(
        contract.operator_terms.order_by("start_date")
    )
    operator = terms[-1].operator.name if terms else "—"
    stage = wording.stage_name(evaluation)
    district = street.district.name
    place = f"{district}{street.name}"
    title = build_title(evaluation)
    experts = Assignment.objects.current().filter(evaluation=evaluation, role=Role.EXPERT).count()
    staff = Membership.objects.filter(organisation=evaluation.agency, role=Role.COORDINATOR).count()
    agency = evaluation.agency.name
    date_text = report_text.date_cn(evaluation.on_site_date)

    intro = (
        f"{station.name}（简称{station.short_name}）{stage}报告，是专业评估人员通过对{station.short_name}"
        f"项目服务的全面调查、综合分析和科学判断，确定目标是否可行，总结服务开展情况，以及服务成效"
        f"体现的总结文书。经过 {experts} 位评估专家及 {staff} 名工作人员对{station.short_name}展开为期"
        f"一天的实地考察、访谈、查阅资料等形式的评估，形成此报告。{station.short_name}可以将此报告作为"
        f"参考，进行服务完善和提升，从多方面扎实服务基础，拓展服务面，提升服务的专业化水平。本报告"
        f"尽量呈现社工站的实际情况，因评估时间较短的关系，社工站部分服务成效不完全体现在报告中。"
    )
    background = (
        f"{date_text}，{agency}组织 {experts} 位评估专家及 {staff} 名工作人员对{place}社工站展开了"
        f"{stage}评估工作。评估为期 1 天，主要通过听取社工站介绍、实地考察、查阅资料、面试（访谈）、"
        f"填写问卷等形式，对{station.short_name}的项目管理、服务开展情况以及项目成效等方面进行评估。"
    )
    short_bureau, short_buyer = short(bureau), short(buyer)
    stages = [
        (
            "自我评审阶段",
            f"{station.short_name}结合《广州市社工站购买服务项目评估指标体系》和签订的服务协议，逐项"
            "对照，准备材料，结合实际进行自我评估，并完成自评报告的报送工作。",
        ),
        (
            "实地评估阶段",
            f"评估小组对{station.short_name}提供的材料进行审阅，实地考察，进行现场评估并打分。评估小组"
            f"根据公平、公正的原则，严格按照评估要求，对{station.short_name}进行评估工作。",
        ),
        (
            "报告反馈阶段",
            f"根据{station.short_name}的实际情况，综合各评估专家的意见和建议，形成{station.short_name}"
            f"{stage}评估报告意见初稿，发送给{short_bureau}及{station.short_name}，并由"
            f"{station.short_name}转发给{short_buyer}。",
        ),
        (
            f"出具{stage}评估报告阶段",
            f"结合{short_bureau}、{short_buyer}、{station.short_name}以及督导中心的反馈意见，形成最终"
            f"报告，发给{short_bureau}，并由{short_bureau}转发给{short_buyer}和{station.short_name}。",
        ),
    ]
    weights = {row.party: row.weight for row in summary.parties}
    bands = summary.bands
    band_text = []
    for band in bands:
        if band.upper is None:
            band_text.append(f"{numbers.shown(band.lower)} 分以上为{band.label}")
        elif band.lower == 0:
            band_text.append(
                f"{numbers.shown(band.upper)} 分以下(不含 {numbers.shown(band.upper)} 分) 为{band.label}"
            )
        else:
            band_text.append(
                f"{numbers.shown(band.lower)} 分至 {numbers.shown(band.upper)} 分（不含 "
                f"{numbers.shown(band.upper)} 分）为{band.label}"
            )
    results_rule = (
        "评估总分为 100 分，其中，"
        + "、".join(
            f"{PARTY_NAMES_IN_WEIGHTS[party]}占比 {numbers.shown(weights[party])}%"
            for party in Party
        )
        + f"。评估结果由四方评估分数的总和确定。评估等级分为{'、'.join(b.label for b in bands)}"
        + f"{report_text.chinese_number(len(bands))}个等级，"
        + "，".join(band_text)
        + "。"
    )

    basic_info = _basic_info(evaluation, figures, station, terms)
    progress, judgement = _progress(figures, station.short_name)
    sections = section_data(evaluation, written)
    feedback = feedback_paragraphs(evaluation, station.short_name, short_bureau, short_buyer)
    result = summary.result
    months = figures.attendance.months
    conclusion_intro = [
        f"{place}社工服务站在{short_bureau}、{short_buyer}的大力支持下，在{operator}的努力下，已顺利"
        f"运营 {months} 个月时间，为辖区内的服务对象提供专业的社工服务，关注社区内的不同问题，逐步推进"
        f"项目开展，推广社工理念，落实社工服务，起到了一定的成效。在这 {months} 个月时间里，大部分工作"
        "是值得肯定的，但也还存在需要关注的地方。",
        f"为提供更好的社工服务，未来{station.short_name}的服务发展可以更加关注以下几个方面：",
    ]
    recommendations = [
        written(r.text) for r in Recommendation.objects.filter(evaluation=evaluation)
    ]
    return ReportData(
        title=title,
        title_main=title.rsplit(" ", 1)[0],
        title_sub=title.rsplit(" ", 1)[-1],
        score=numbers.shown(result.published),
        grade=result.grade.label,
        station=station.name,
        station_short=station.short_name,
        bureau=bureau,
        buyer=buyer,
        operator=operator,
        agency=agency,
        date_text=report_text.date_cn_compact(evaluation.on_site_date),
        stage=stage,
        intro=intro,
        background=background,
        stages=stages,
        results_rule=results_rule,
        basic_info=basic_info,
        progress=progress,
        progress_judgement=judgement,
        sections=sections,
        feedback=feedback,
        conclusion_intro=conclusion_intro,
        recommendations=recommendations,
        annex1=annexes.indicators_annex(figures),
        annex2=annexes.attendance_annex(figures),
        provisional_note=_provisional_note(summary, figures, station.short_name, stage),
    )


def _provisional_note(summary: Summary, figures: Figures, station_short: str, stage: str) -> str:
    """While a sheet or the station's figures are missing, the draft says so instead of
    printing a score and a grade that may still change."""
    if not (summary.provisional or not figures.has_data):
        return ""
    missing = []
    if summary.provisional:
        outstanding = "、".join(
            f"{PARTY_NAMES_IN_WEIGHTS[row.party]} {numbers.shown(row.weight)} 分"
            for row in summary.outstanding
        )
        missing.append(
            f"各方评分尚未全部提交，已得 {numbers.shown(summary.received)} 分，尚缺{outstanding}"
        )
    if not figures.has_data:
        missing.append("社工站数据尚未上传")
    return f"{station_short}本次{stage}评估的分数与等级待定：{'；'.join(missing)}。"


def _basic_info(evaluation, figures: Figures, station, terms) -> list[str]:
    contract = evaluation.contract
    areas = len(figures.coverage)
    communities = sum(len(a.communities) for a in figures.coverage)
    runs = []
    for n, term in enumerate(terms):
        if n == 0 and len(terms) > 1:
            runs.append(
                f"{report_text.date_cn(term.start_date)}至 {report_text.date_cn(term.end_date)}由{term.operator.name}负责运营"
            )
        elif n == 0:
            runs.append(
                f"自 {report_text.date_cn(term.start_date)}起由{term.operator.name}负责运营"
            )
        else:
            runs.append(
                f"于 {report_text.date_cn(term.start_date)}开始，由{term.operator.name}负责运营"
            )
    paragraphs = [
        f"{station.short_name}位于{station.address}，辖内共有 {communities} 个社区，划分为 {areas} 个服务"
        f"片区。" + "，".join(runs) + "。"
    ]
    for line in figures.staffing:
        f = line.figure
        levels = [
            (f.senior, "高级社工师资格"),
            (f.intermediate, "中级社工师资格"),
            (f.assistant, "助理社工师资格"),
        ]
        detail = "，".join(f"{label} {count} 名" for count, label in levels if count)
        paragraphs.append(
            f"{report_text.date_cn(line.term.start_date)}截至 {report_text.date_cn(line.period_end)}，社工站平均配备社工"
            f" {f.average_staff} 名，其中持证社工 {f.certified} 名"
            + (f"（{detail}）" if detail else "")
            + f"，非持证社工 {f.uncertified} 名。"
        )
    budget = numbers.shown(contract.budget / Decimal(10000))
    paragraphs.append(
        f"本社工站服务经费为 {budget} 万元，项目合同期为 {report_text.date_cn(contract.start_date)}至 "
        f"{report_text.date_cn(contract.end_date)}。"
    )
    return paragraphs


def _progress(figures: Figures, station_short: str) -> tuple[str, str]:
    """二(二): the indicators, clause by clause, as the seed writes them; then which are
    behind expected progress."""
    clauses: list[list] = []
    for line in figures.indicators:
        if line.actual is None:
            continue
        if clauses and clauses[-1][0].indicator.clause == line.indicator.clause:
            clauses[-1].append(line)
        else:
            clauses.append([line])
    sentences = []
    for clause in clauses:
        done = "，".join(line.indicator.phrase(line.actual) for line in clause)
        pcts = [numbers.shown(line.completion) + "%" for line in clause]
        lead = "分别完成协议指标量的 " if len(clause) > 1 else "完成协议指标量的 "
        sentences.append(f"{done}，{lead}{report_text.join_cn(pcts)}")
    progress = (
        (
            "社工站共完成"
            + "；".join(sentences)
            + "。（以上数据由社工站提供，各项目指标完成情况见附件 1）"
        )
        if sentences
        else "社工站尚未提供协议指标完成情况。"
    )
    behind = [line.indicator.label for line in figures.behind]
    if not sentences:
        judgement = ""
    elif behind:
        judgement = (
            f"从以上数据可知，{station_short}除{'、'.join(behind)}未能达到预期进度外，其余指标基本完成。"
            f"建议社工站在下半年加强对上述指标的进度监测，提升服务效能。"
        )
    else:
        judgement = f"从以上数据可知，{station_short}各项指标均达到预期进度。"
    return progress, judgement
