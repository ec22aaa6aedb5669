"""The report as data, in the seed's order. Every figure comes from ``evaluation_figures`` and
``evaluation_scores``; what people wrote comes from the findings and recommendations, with
figure tokens filled in and marked names masked. The HTML and the PDF only render this."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import translation

from indicators import figures as F
from indicators.selectors import Figures, evaluation_figures
from reports import text as T
from reports.models import (
    FeedbackParty,
    FeedbackRound,
    Finding,
    MaskedName,
    Objection,
    Polarity,
    Recommendation,
    Section,
    SignOff,
)
from scoring.models import Party
from scoring.selectors import Summary, evaluation_scores
from stations import wording
from stations.models import Assignment, Evaluation, Membership, Organisation, OrganisationKind, Role

# The lead sentence of each section's strengths and concerns, as the seed writes them.
LEADS: dict[str, str] = {
    Section.PROJECT_MANAGEMENT: (
        "经评估专家与相关社工访谈并评估分析访谈情况，查阅相关资料等方式了解社工站项目运营管理"
        "情况，项目管理有以下几方面{what}："
    ),
    Section.SERVICE_QUALITY: (
        "经评估专家与相关社工访谈并评估分析访谈情况，查阅项目调研、服务方案等各类服务工作痕迹"
        "记录资料，服务质量有以下几方面{what}："
    ),
    Section.SERVICE_MONITORING: (
        "经对社工站提供的服务对象名册随机抽取 【满意度调查人数】 名服务对象进行满意度调查，通过与"
        "相关社工访谈情况及查阅“五社联动”相关服务工作痕迹记录资料，结合服务对象反馈情况，服务"
        "监测以下几方面{what}："
    ),
    Section.SERVICE_OUTCOMES: (
        "经评估专家与相关社工访谈并评估分析访谈情况，查阅项目调研、服务方案等各类服务工作痕迹"
        "记录资料，服务成效有以下几方面{what}："
    ),
}
PARTY_LEADS: dict[str, str] = {
    Section.BUYER: "购买方代表通过整合利益相关方与社工站沟通合作情况，对社工站作用发挥情况评估的反馈如下：",
    Section.SUPERVISION: "督导中心根据社工站日常管理及督导情况，对社工站服务质量保障工作的评估反馈如下：",
    Section.BUREAU: "监督方通过日常的督查工作，对社工站自查自纠情况及整改落实情况的评估反馈如下：",
}
SECTION_TITLES: dict[str, str] = {
    Section.PROJECT_MANAGEMENT: "项目管理",
    Section.SERVICE_QUALITY: "服务质量",
    Section.SERVICE_MONITORING: "服务监测",
    Section.SERVICE_OUTCOMES: "服务成效",
    Section.BUYER: "购买方评估",
    Section.SUPERVISION: "督导中心",
    Section.BUREAU: "监督方评估",
}
POLARITY_TITLES = {Polarity.STRENGTH: "值得肯定的地方", Polarity.CONCERN: "需要关注的地方"}
WHAT = {Polarity.STRENGTH: "值得肯定", Polarity.CONCERN: "需要关注"}
PARTY_NAMES_IN_WEIGHTS = {
    Party.THIRD_PARTY: "第三方评估机构",
    Party.BUYER: "街道办事处（镇人民政府）",
    Party.SUPERVISION: "督导中心",
    Party.BUREAU: "区民政局",
}


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
    grade_sentence: str
    score: str
    grade: str
    conclusion_intro: list[str]
    recommendations: list[str]
    annex1: list[list[str]]
    annex2: list[list[str]]
    annex1_title: str
    annex2_title: str
    expected_pct: str
    provisional: bool
    provisional_note: str  # what the grade section prints instead of a score while provisional
    warnings: list[str] = field(default_factory=list)


def organisation_name(kind: str, **scope) -> str:
    organisation = Organisation.objects.filter(kind=kind, **scope).first()
    return organisation.name if organisation else "—"


def short(name: str) -> str:
    """广州市海珠区民政局 → 海珠区民政局 (the report's running text drops the city)."""
    return name.removeprefix("广州市")


# What the report prints for a figure that is not in the data yet (a draft before the station's
# figures are uploaded); issuing is blocked while a finding cites an unknown figure.
MISSING_FIGURE = "（暂缺）"


def printer(values: dict[str, str], masks: list[str]):
    """A function printing what someone wrote as the report does: figures filled in, marked
    names masked."""
    return lambda text: T.apply_masks(T.fill_tokens(text, values, MISSING_FIGURE), masks)


def figure_values(evaluation: Evaluation, figures: Figures, summary: Summary) -> dict[str, str]:
    """The figures authors may cite as 【name】 in findings, by name, as the report prints them."""
    values: dict[str, str] = {
        "数据截止日": T.date_cn(evaluation.data_cutoff_date),
        "协议配置人数": str(evaluation.contract.required_staff),
        "总分": F.format_number(summary.result.published),
        "等级": summary.result.grade.label,
        "社区数": str(sum(len(a.communities) for a in figures.coverage)),
        "片区数": str(len(figures.coverage)),
    }
    if figures.staffing:
        line = figures.staffing[-1]
        values.update(
            {
                "平均配备社工": str(line.figure.average_staff),
                "持证社工": str(line.figure.certified),
                "非持证社工": str(line.figure.uncertified),
                "持证率": F.format_percent(line.rates.certified_rate) + "%",
            }
        )
        if line.figure.two_years_plus is not None:
            values["从业两年及以上社工"] = str(line.figure.two_years_plus)
            values["从业两年及以上占比"] = F.format_percent(line.rates.two_years_share) + "%"
        if line.figure.continuous_in_post is not None:
            values["持续在岗社工"] = str(line.figure.continuous_in_post)
            values["稳岗率"] = F.format_percent(line.rates.retention_rate) + "%"
    if figures.attendance_rows:
        a = figures.attendance
        values.update(
            {
                "应到岗": F.format_number(a.required),
                "实际到岗": F.format_number(a.actual),
                "持证社工应到岗": F.format_number(a.certified_required),
                "持证社工实际到岗": F.format_number(a.certified_actual),
                "非持证社工到岗": F.format_number(a.uncertified_actual),
            }
        )
    reported = figures.reported
    if reported is not None:
        values.update(
            {
                "应完成培训时长": F.format_number(reported.training_required_hours),
                "实际完成培训时长": F.format_number(reported.training_completed_hours),
                "继续教育达标率": F.format_percent(figures.training_pct) + "%",
                "服务对象名册人数": str(reported.survey_roster),
                "满意度调查人数": str(reported.survey_surveyed),
                "总体满意度": F.format_number(reported.survey_satisfaction) + "%",
                "链接资金": F.format_number(figures.resources.cash),
                "链接物资": F.format_number(figures.resources.goods),
                "链接资源合计": F.format_number(figures.resources.linked),
                "社区慈善基金": F.format_number(figures.resources.charity_funds),
                "慈善资源累计": F.format_number(figures.resources.with_charity_funds),
            }
        )
    for area in figures.coverage:
        for community, coverage in area.communities:
            if coverage is not None:
                values.update(_coverage_values(community.name, coverage))
        values.update(_coverage_values(area.area.name, area.total))
    for line in figures.indicators:
        if line.actual is not None:
            values[f"{line.indicator.label}完成量"] = str(line.actual)
            values[f"{line.indicator.label}完成率"] = F.format_percent(line.completion) + "%"
    return values


def _coverage_values(name: str, coverage: F.Coverage) -> dict[str, str]:
    return {
        f"{name}应建档户数": str(coverage.households_due),
        f"{name}实际建档户数": str(coverage.households_filed),
        f"{name}应建档人数": str(coverage.persons_due),
        f"{name}实际建档人数": str(coverage.persons_filed),
    }


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
    date_text = T.date_cn(evaluation.on_site_date)

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
            band_text.append(f"{F.format_number(band.lower)} 分以上为{band.label}")
        elif band.lower == 0:
            band_text.append(
                f"{F.format_number(band.upper)} 分以下(不含 {F.format_number(band.upper)} 分) 为{band.label}"
            )
        else:
            band_text.append(
                f"{F.format_number(band.lower)} 分至 {F.format_number(band.upper)} 分（不含 "
                f"{F.format_number(band.upper)} 分）为{band.label}"
            )
    results_rule = (
        "评估总分为 100 分，其中，"
        + "、".join(
            f"{PARTY_NAMES_IN_WEIGHTS[party]}占比 {F.format_number(weights[party])}%"
            for party in Party
        )
        + f"。评估结果由四方评估分数的总和确定。评估等级分为{'、'.join(b.label for b in bands)}"
        + f"{T.chinese_number(len(bands))}个等级，"
        + "，".join(band_text)
        + "。"
    )

    basic_info = _basic_info(evaluation, figures, station, terms)
    progress, judgement = _progress(figures, station.short_name)
    sections = _sections(evaluation, written)
    feedback = _feedback(evaluation, station.short_name, short_bureau, short_buyer)
    result = summary.result
    grade_sentence = (
        f"经过评估，{station.short_name}本次{stage}评估的分数为：{F.format_number(result.published)}，"
        f"本次{stage}评估的等级为：{result.grade.label}。"
    )
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
        score=F.format_number(result.published),
        grade=result.grade.label,
        station=station.name,
        station_short=station.short_name,
        bureau=bureau,
        buyer=buyer,
        operator=operator,
        agency=agency,
        date_text=T.date_cn_compact(evaluation.on_site_date),
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
        grade_sentence=grade_sentence,
        conclusion_intro=conclusion_intro,
        recommendations=recommendations,
        annex1_title=f"附件1 {station.name}购买服务项目指标完成情况统计表",
        annex2_title=f"附件2 {station.name}购买服务项目社工到岗情况统计表",
        annex1=[
            [
                str(n),
                line.indicator.category,
                line.indicator.name,
                f"{line.indicator.target} {line.indicator.unit}",
                "—" if line.actual is None else f"{line.actual} {line.indicator.unit}",
                "—" if line.completion is None else F.format_percent(line.completion) + "%",
                "未达预期进度" if line.behind else "",
            ]
            for n, line in enumerate(figures.indicators, start=1)
        ],
        annex2=[
            [
                f"{row.month:%Y-%m}",
                str(contract.required_staff),
                F.format_number(row.certified + row.uncertified),
                str(contract.required_certified_staff),
                F.format_number(row.certified),
                F.format_number(row.uncertified),
            ]
            for row in figures.attendance_rows
        ]
        + (
            [
                [
                    "合计",
                    F.format_number(figures.attendance.required),
                    F.format_number(figures.attendance.actual),
                    F.format_number(figures.attendance.certified_required),
                    F.format_number(figures.attendance.certified_actual),
                    F.format_number(figures.attendance.uncertified_actual),
                ]
            ]
            if figures.attendance_rows
            else []
        ),
        expected_pct=F.format_percent(figures.expected_pct) + "%",
        provisional=summary.provisional or not figures.has_data,
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
            f"{PARTY_NAMES_IN_WEIGHTS[row.party]} {F.format_number(row.weight)} 分"
            for row in summary.outstanding
        )
        missing.append(
            f"各方评分尚未全部提交，已得 {F.format_number(summary.received)} 分，尚缺{outstanding}"
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
                f"{T.date_cn(term.start_date)}至 {T.date_cn(term.end_date)}由{term.operator.name}负责运营"
            )
        elif n == 0:
            runs.append(f"自 {T.date_cn(term.start_date)}起由{term.operator.name}负责运营")
        else:
            runs.append(f"于 {T.date_cn(term.start_date)}开始，由{term.operator.name}负责运营")
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
            f"{T.date_cn(line.term.start_date)}截至 {T.date_cn(line.period_end)}，社工站平均配备社工"
            f" {f.average_staff} 名，其中持证社工 {f.certified} 名"
            + (f"（{detail}）" if detail else "")
            + f"，非持证社工 {f.uncertified} 名。"
        )
    budget = F.format_number(contract.budget / Decimal(10000))
    paragraphs.append(
        f"本社工站服务经费为 {budget} 万元，项目合同期为 {T.date_cn(contract.start_date)}至 "
        f"{T.date_cn(contract.end_date)}。"
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
        pcts = [F.format_percent(line.completion) + "%" for line in clause]
        lead = "分别完成协议指标量的 " if len(clause) > 1 else "完成协议指标量的 "
        sentences.append(f"{done}，{lead}{T.join_cn(pcts)}")
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


def _sections(evaluation, written) -> list[SectionData]:
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
                            heading=f"{T.numbered(n)}{area.name}，该片区范围包括：{communities}",
                            items=[
                                f"{T.circled(i)}{written(f.text)}"
                                for i, f in enumerate(items, start=1)
                            ],
                        )
                    )
            else:
                texts = [written(f.text) for f in of_polarity]
                items = (
                    texts
                    if len(texts) == 1
                    else [f"{T.numbered(i)}{t}" for i, t in enumerate(texts, start=1)]
                )
                groups = [Group(heading="", items=items)] if items else []
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
                number=f"（{T.chinese_number(number)}）",
                title=SECTION_TITLES[section],
                lead=PARTY_LEADS.get(section, ""),
                parts=parts,
            )
        )
    return sections


def polarity_index(polarity: str) -> int:
    return 1 if polarity == Polarity.STRENGTH else 2


def _feedback(evaluation, station_short: str, bureau: str, buyer: str) -> list[str]:
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
