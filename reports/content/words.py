"""The report's fixed wording, as the seed writes it: the lead sentence of each section's
strengths and concerns, the sections' titles, the parties' names in the scoring rule."""

from __future__ import annotations

from reports.enums import Polarity, Section
from scoring.models import Party

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
POLARITY_TITLES = {Polarity.STRENGTH: "值得肯定的地方", Polarity.CONCERN: "需要关注的地方"}
WHAT = {Polarity.STRENGTH: "值得肯定", Polarity.CONCERN: "需要关注"}
PARTY_NAMES_IN_WEIGHTS = {
    Party.THIRD_PARTY: "第三方评估机构",
    Party.BUYER: "街道办事处（镇人民政府）",
    Party.SUPERVISION: "督导中心",
    Party.BUREAU: "区民政局",
}
