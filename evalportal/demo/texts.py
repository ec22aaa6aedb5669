"""What people write in the demo season's illustrative evaluations: findings, objections and
their answers, sign-off notes, rectification reports and reviews. All of it is invented for the
demo (示例) and says so where it is read out of context. Findings cite figures as 【name】, as
a real writer would, so that their numbers come from each example station's own data."""

from __future__ import annotations

from reports.enums import Section

S, C = "strength", "concern"
PM, SQ, SM, SO = (
    Section.PROJECT_MANAGEMENT,
    Section.SERVICE_QUALITY,
    Section.SERVICE_MONITORING,
    Section.SERVICE_OUTCOMES,
)
BUYER, SUPERVISION, BUREAU = "buyer", "supervision", "bureau"

# (section, polarity, text) for the sections that are not per service area.
FINDINGS: list[tuple[str, str, str]] = [
    (
        PM,
        S,
        "在人员配置与管理方面，截至 【数据截止日】，社工站平均配备社工 【平均配备社工】 人，"
        "其中持证社工 【持证社工】 人，持证率为 【持证率】，全体人员均已签订劳动合同。",
    ),
    (
        PM,
        S,
        "在社工继续教育方面，社工应接受继续教育培训 【应完成培训时长】 小时，实际完成 "
        "【实际完成培训时长】 小时，达标率为 【继续教育达标率】。",
    ),
    (
        PM,
        C,
        "社工持续在岗人数为 【持续在岗社工】 人，稳岗率为 【稳岗率】，建议社工站加强人员稳定"
        "工作，完善新入职社工的带教与交接机制。",
    ),
    (
        PM,
        C,
        "部分行政会议记录未注明参会人员及跟进事项，建议规范会议记录格式，定期检查落实情况。",
    ),
    (
        SM,
        S,
        "依据社工站提供的服务对象名册，已完成对 【满意度调查人数】 名服务对象的满意度调查，"
        "受访服务对象的总体满意度为 【总体满意度】。",
    ),
    (
        SM,
        C,
        "志愿者服务档案中，部分志愿者信息登记表缺少社工签名，建议强化签名确认与归档规范。",
    ),
    (
        SO,
        S,
        "社工站积极链接社会资源，截至评估时已自主链接资源折合价值 【链接资源合计】 元"
        "（其中资金 【链接资金】 元，物资折合 【链接物资】 元）。",
    ),
    (
        SO,
        C,
        "服务成效的总结以活动数量为主，建议围绕服务目标梳理前后变化，提炼可推广的服务经验。",
    ),
    (
        BUYER,
        S,
        "社工站与各社区居委会沟通顺畅，能配合街道完成重点工作，服务对象反映良好。",
    ),
    (BUYER, C, "建议进一步加强与街道各科室的信息互通，按月报送服务进展。"),
    (
        SUPERVISION,
        S,
        "项目按要求参加督导中心组织的专题督导与培训，内部督导记录较为完整。",
    ),
    (SUPERVISION, C, "建议加强对新入职社工的专业督导，提升个案服务的规范性。"),
    (BUREAU, S, "社工站能按时报送服务数据，配合民政部门开展困难群众排查工作。"),
    (BUREAU, C, "完善困难群众和特殊群体的服务档案，做到一户一档、一人一案。"),
]

# 服务质量, per service area: a strength citing the area's filing, and a concern.
AREA_STRENGTH = (
    "社工对片区内困难群众和特殊群体的基本情况掌握清晰，已完成建档，应建档 "
    "【{area}应建档户数】 户，实际建档 【{area}实际建档户数】 户，落实“一户一档”。"
)
AREA_CONCERN = (
    "片区服务计划中部分子计划的目标与服务对象需求的对应关系不够清晰，建议结合需求调研结果"
    "进一步梳理年度计划。"
)

RECOMMENDATIONS = [
    "加强需求评估与服务计划的精准度，围绕服务对象需求梳理年度计划，形成需求—目标—计划的清晰逻辑。",
    "规范档案管理，落实“一户一档”“一人一案”，定期开展档案完整性抽查。",
]

NARRATIVES: dict[str, str] = {
    PM: "（示例）社工站制定了人员、行政与继续教育管理制度，定期召开工作会议。",
    SQ: "（示例）各片区完成困难群众和特殊群体建档，按计划开展个案、小组和社区活动。",
    SM: "（示例）从服务对象名册随机抽取服务对象开展满意度调查，并做好过程记录与归档。",
    SO: "（示例）依托“五社联动”链接社会资源，协助各社区筹建社区慈善基金。",
}

# A stand-in evidence file (a one-page PDF saying what it stands for).
EVIDENCE_FILE = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

MASKED_NAME = "陈美玲"  # illustrative: a volunteer named in a finding, printed 陈*玲
MASKED_FINDING = "骨干志愿者陈美玲的服务档案缺少工作人员签名，建议逐一核对骨干志愿者档案并补签。"

RECUSAL_REASON = "该专家曾于两年内在本站承办机构任职，申请回避。（示例）"

# The feedback round of the example that is out for feedback.
OBJECTION_BY_STATION = (
    "该条所述会议记录问题已于评估前完成整改，相关记录已补充参会人员及跟进事项，请予以核实。"
)
OBJECTION_BY_BUREAU = "建议在该条中写明需补充的具体档案类别，便于社工站对照整改。"
ANSWER_TO_BUREAU = "采纳部分意见，已在该条中补充“服务跟进记录”的档案类别。"
BUREAU_REVISED_CONCERN = (
    "完善困难群众和特殊群体的服务档案（含服务跟进记录），做到一户一档、一人一案。"
)

# Rectification, by a phrase of the concern it answers: (phrase, status, what the station did,
# the bureau's review: None / "accept" / "return", its note). Other concerns are not started.
RECTIFICATION_STATES: list[tuple[str, str, str, str | None, str]] = [
    ("稳岗率", "done", "已制定人员稳定方案，完成新入职社工带教安排。", "accept", "材料齐全，予以通过。"),
    ("会议记录", "done", "已统一会议记录模板并补充近三个月记录。", "return", "请补充整改前后的对比材料。"),
    ("志愿者信息登记表", "done", "已完成志愿者信息登记表签名补录。", None, ""),
    ("服务成效的总结", "in_progress", "正在梳理服务成效，预计下月完成。", None, ""),
]  # fmt: skip
RECTIFICATION_CLOSED_NOTE = "已按整改要求完成并提交佐证材料。"
RECTIFICATION_CLOSED_REVIEW = "整改落实到位，予以通过。"
