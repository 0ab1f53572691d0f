"""Facts files nobody hand-picked: a seeded generator of varied, valid briefings.

`generate(seed)` gives the YAML text of a facts file that validates (briefing.facts.load_facts)
and whose every character is in the bundled font: one to eight themes, zero to twenty metrics a
theme in varied units, qualifiers, numerals and changes, labels of 2 to 40 characters made of
real words, long institution names, URLs, rankings with and without list sizes and scopes,
highlights that credit institutions, entities, and only charts that are valid. The same seed
gives the same text. To look at one:

    python -m tests.varied 7 /tmp/varied            # writes /tmp/varied/varied-7.yml
    python -m tests.varied 7 /tmp/varied --build    # and builds its PDF and deck there
"""

from __future__ import annotations

import datetime as dt
import io
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

YEAR = 2024

# ── Words ─────────────────────────────────────────────────────────────────────────────────────

# fmt: off
REGIONS = (
    ("临川市", "临川"), ("青岚县", "青岚"), ("东湖高新区", "东湖"), ("云溪区", "云溪"),
    ("北岭市", "北岭"), ("江源县", "江源"), ("星河新区", "星河"), ("西津市", "西津"),
    ("南屿经济技术开发区", "南屿"), ("嘉禾县", "嘉禾"), ("松阳市", "松阳"), ("白沙自治县", "白沙"),
)
SCOPES = ("全国", "全省", "全区", "全市", "西部地区", "全国高新区", "长三角", "各盟市", "全省县域")
FIELDS = (
    "新材料", "新能源", "氢能", "储能", "现代煤化工", "生物医药", "集成电路", "人工智能",
    "高端装备", "智能制造", "数字经济", "绿色低碳", "先进计算", "量子信息", "现代种业",
    "稀土功能材料", "光伏", "节能环保", "现代农业", "工业互联网", "低空经济", "海洋科技",
)
LEVELS = ("国家级", "省级", "自治区级", "市级", "区级")
UNIVERSITIES = (
    "清华大学", "北京大学", "浙江大学", "中国矿业大学（北京）", "哈尔滨工业大学", "西安交通大学",
    "华中科技大学", "中国科学技术大学", "内蒙古大学", "四川大学", "同济大学",
)
CAS_INSTITUTES = (
    "过程工程", "大连化学物理", "山西煤炭化学", "金属", "自动化", "计算技术", "生态环境",
)
BRANDS = ("恒远", "华科", "中瑞", "蓝天", "启明", "远景", "国泰", "创维", "天合", "博森", "宏达")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "志伟强敏军平刚杰磊涛明超华建国文彬雪梅晓东海燕"
ROLES = ("新型研发机构", "重点实验室", "技术创新中心", "院士", "首席科学家", "龙头企业", "孵化载体")
PARTS = ("国家", "省级", "市级", "区县级", "园区", "企业")
OPENERS = (
    "全年", "过去一年", "围绕{field}产业链", "聚焦{field}领域", "依托{region}科创中心",
    "对标先进地区", "在全省率先", "通过“揭榜挂帅”机制",
)
DEEDS = (
    "牵头实施{field}关键核心技术攻关项目",
    "建成{field}中试验证平台并向中小企业开放共享",
    "与{partner}共建{field}联合实验室",
    "突破{field}领域多项“卡脖子”技术",
    "组建{field}产业创新联合体",
    "推动科技成果在{region}本地转化落地",
    "获批建设{level}{field}工程技术研究中心",
    "引进{field}领域高层次人才团队",
    "入选{level}科技领军企业名单",
    "完成{field}示范工程建设并投入运行",
    "牵头制定{field}行业标准",
    "孵化培育科技型中小企业",
)
EFFECTS = (
    "带动上下游企业协同创新", "有效提升了产业链供应链韧性", "相关成果达到国际先进水平",
    "为全市高质量发展注入新动能", "企业创新主体地位进一步凸显", "形成一批可复制可推广的经验",
    "实现产值稳步增长", "创新生态持续优化",
)
WHERE = ("{region}科创城", "{region}高新区", "{region}各园区", "{region}人才飞地")
NOTES = ("统计口径为规模以上工业企业。", "含中央驻地单位。", "数据为快报数。")
TARGETS = ("“十四五”目标", "年度目标", "倍增目标")
CLAIMS = (
    "两项均居全省首位", "连续三年位居全国前列", "创新能力评价位次连续三年前移",
    "全省唯一入选的县（市、区）",
)
ENTITY_KINDS = ("institution",) * 4 + ("enterprise",) * 3 + ("platform",) * 2 + (
    "organization", "person", "award", "project", "technology", "place", "policy", "program",
    "event", "recognition", "industry",
)
ENTITY_NAMES = {
    "institution": (
        "中国科学院{cas}研究所{region}{field}联合实验室", "{university}{region}研究院",
        "{region}{field}实验室", "{university}{field}与{field}交叉研究中心{region}分中心",
    ),
    "enterprise": (
        "{region}{brand}{field}科技有限公司", "{brand}{field}股份有限公司", "{brand}集团",
    ),
    "platform": ("{region}{field}产业创新中心", "国家{field}技术创新中心{region}分中心"),
    "organization": ("{region}{field}产业技术创新战略联盟",),
    "person": ("{person}",),
    "award": ("{level}科学技术进步奖一等奖",),
    "project": ("{field}关键技术研发与示范项目",),
    "technology": ("{field}高效制备技术",),
    "place": ("{region}科创城", "{region}高新区", "{region}人才飞地", "{region}双创示范基地"),
    "policy": ("“科技新政{k}条”",),
    "program": ("{field}“揭榜挂帅”行动",),
    "event": ("{region}{field}创新大会",),
    "recognition": ("{level}创新型企业",),
    "industry": ("{field}产业",),
}
ENTITY_NOTES = (f"{YEAR}年获批", "全市首家", f"{YEAR - 1}年揭牌运行", "由市校共建")
SUBTITLES = (
    f"{YEAR}年度科技创新主要进展与数据", f"{YEAR}年科技工作要览",
    f"{{region}}{YEAR}年{{field}}与{{field}}产业创新发展情况",
)
ISSUERS = ("{full}科学技术局", "{full}科技创新服务中心（{region}科技情报所）")
HEADLINE = (
    f"{YEAR}年，{{full}}科技创新主要指标稳步提升，{{field}}、{{field}}等领域创新成果不断涌现，"
    "创新能力在区域中的位次继续前移。"
)
SUMMARY = "{region}围绕{field}和{field}两大方向持续发力，"
OUTLOOK = (
    "下一步，{region}将继续加大研发投入，聚焦{field}和{field}产业，推动科技创新与产业创新深度融合。"
)
ACTIONS = ("持续推进", "加快建设", "共同创建")
SOURCE_TITLES = (
    "{region}{field}产业发展情况通报", "关于{region}科技创新工作情况的报告",
    "{region}统计局国民经济和社会发展统计公报（科技部分）",
)
PUBLISHERS = ("{full}科学技术局", "{full}统计局", "新华网", "央广网")
URLS = (
    f"https://kjj.example.gov.cn/art/{YEAR + 1}/1/15/art_1229{{n}}_{{n}}.html",
    "http://www.example.com/news/{n}.html",
    "https://mp.example.qq.com/s?__biz=MzA{n}ODY=&mid={n}&idx=1&sn=4f2e{n}c0&chksm={n}ab2c#rd",
)
SOURCE_NOTES = ("数据截至年底。", "部分数据为初步统计。", "第{k}号通报。")
# fmt: on


@dataclass(frozen=True)
class Kind:
    """A kind of figure: its units, the words its labels are made of, how its values run."""

    units: tuple[str, ...]
    cores: tuple[str, ...]  # what is counted
    shorts: tuple[str, ...]  # labels of two to four characters
    actions: tuple[str, ...]  # what was done: 新增, 引进 …
    scopes: tuple[str, ...]  # whose or which: 国家级, 规上工业企业 …
    low: float
    high: float
    decimals: tuple[int, ...]  # places the value may be written with
    whole: bool = False  # a count: Chinese numerals, added changes, cumulative


# fmt: off
MONEY = Kind(
    ("亿元", "万元", "亿元", "亿元"),
    ("研发经费投入", "技术合同成交额", "科技计划支持资金", "财政科技支出", "争取上级科技资金",
     "风险投资额", "科技金融贷款余额", "知识产权质押融资额", "高新技术产业产值", "成果转化金额"),
    ("研发投入", "资金", "投入", "成交额", "产值"),
    ("争取", "完成", "实现", "带动"),
    ("全社会", "全市", "规上工业企业", "高新技术企业", "市级", "国家、省级", "重点产业链",
     "新型研发机构", "科技型中小企业"),
    0.3, 3000, (2, 1, 2, 0),
)
ORGS = Kind(
    ("家", "家", "个", "所", "座"),
    ("高新技术企业", "科技型中小企业", "专精特新企业", "科技企业孵化器", "众创空间",
     "重点实验室", "工程技术研究中心", "新型研发机构", "企业研发中心", "院士工作站",
     "技术转移服务机构", "科技领军企业", "创新联合体", "产业技术研究院"),
    ("高企", "平台", "孵化器", "实验室", "企业"),
    ("新增", "新认定", "新获批", "培育", "建成"),
    ("国家级", "省级", "自治区级", "市级", "入库", "有研发活动的", "规模以上"),
    1, 3000, (0,), whole=True,
)
PROJECTS = Kind(
    ("项", "件", "项", "个", "项"),
    ("科技计划项目", "重大科技成果", "发明专利授权", "有效发明专利", "关键核心技术攻关项目",
     "科技成果转化项目", "技术标准", "揭榜挂帅项目", "产学研合作项目", "科技奖励"),
    ("项目", "专利", "成果", "标准", "奖励"),
    ("争取", "实施", "登记", "新增", "获得"),
    ("国家级", "省级", "市级", "企业牵头的", "高校院所参与的"),
    1, 30000, (0,), whole=True,
)
PEOPLE = Kind(
    ("人", "名", "人次", "人"),
    ("高层次人才", "科技特派员", "博士后", "院士专家", "青年科技人才", "研发人员",
     "高技能人才", "科技副总"),
    ("人才", "专家", "博士", "院士"),
    ("引进", "柔性引进", "培育", "新增", "选派"),
    ("入选国家级人才计划的", "企业", "高校院所", "市级以上"),
    1, 20000, (0,), whole=True,
)
PERCENT = Kind(
    ("%",),
    ("研发投入强度", "高新技术产业增加值占规上工业增加值比重", "科技进步贡献率",
     "企业研发投入占全社会研发投入比重", "技术合同成交额增速", "规上工业企业研发活动覆盖率",
     "硕士、博士占比", "成果本地转化率"),
    ("占比", "强度", "增速", "覆盖率"),
    (),
    ("全社会", "全市", "规上工业企业", "高新技术企业", "重点产业链"),
    0.1, 99.9, (1, 2, 0),
)
AREA = Kind(
    ("万平方米", "平方公里", "亩"),
    ("孵化器场地面积", "众创空间面积", "科创园区建成面积", "标准化厂房面积", "中试基地面积"),
    ("面积", "场地"),
    ("新增", "累计建成", "规划"),
    ("市级以上", "园区", "国家级"),
    0.5, 500, (1, 2, 0),
)
POINTS = Kind(
    ("个百分点",),
    ("研发投入强度提高", "高新技术产业增加值占比提升", "科技进步贡献率提高", "成果转化率提升"),
    ("占比提升", "强度提高"),
    (),
    ("全市", "规上工业企业", "重点产业链"),
    0.1, 6, (1, 2),
)
EVENTS = Kind(
    ("次", "场", "批", "期"),
    ("科技论坛", "院士来访", "成果对接活动", "创新创业大赛", "科技人才招聘会", "科普活动"),
    ("活动", "论坛", "对接"),
    ("举办", "组织", "承办"),
    ("国际性", "全国性", "线上线下"),
    1, 2000, (0,), whole=True,
)
KINDS = (MONEY, MONEY, ORGS, ORGS, ORGS, PROJECTS, PROJECTS, PEOPLE, PERCENT, PERCENT, AREA,
         POINTS, EVENTS)
RANK_LISTS = (
    "中国城市科技创新发展指数", "全国创新型城市创新能力评价", "国家高新区综合评价",
    "全省县域科技创新能力评价", "中国百强区", "城市新质生产力指数", "全省营商环境评价科技创新指标",
    "创新型县（市）建设评价", "全国科技成果转化示范区评估", "{field}产业集群竞争力排行榜",
    "中国地级市科技创新发展指数", "{field}产业链“链主”企业评价",
)
STANDINGS = (
    "居全省首位", "居全区第二位", "位列全市第一", "创历史新高", "居各盟市前列",
    "列全国同类城市第5位",
)
THEME_TITLES = (
    ("厚植创新沃土 政策精准赋能", "政策赋能"), ("集聚创新资源 构建创新高地", "平台与资源"),
    ("培育企业主体 积蓄发展动能", "企业主体"), ("强化人才引育 点燃智力引擎", "人才引育"),
    ("加速成果转化 服务产业升级", "成果转化"), ("深化开放合作 融入区域创新", "开放合作"),
    ("优化创新生态 激发全社会创造活力", "创新生态"), ("推动数字赋能 建设智慧城市", "数字赋能"),
    ("聚焦绿色低碳 攻关关键核心技术", "绿色低碳"), ("完善科技金融 畅通资本链条", "科技金融"),
)
# fmt: on


# ── The generator ─────────────────────────────────────────────────────────────────────────────


@dataclass
class Draft:
    """What a briefing being generated has so far: its random source and its ids."""

    rng: random.Random
    region: str  # in full: 东湖高新区
    short: str  # as names use it: 东湖
    ranked: bool = True  # some briefings have no rankings at all
    used: set[str] = field(default_factory=set)

    def ident(self, prefix: str) -> str:
        """A fresh id."""
        n = len(self.used) + 1
        while f"{prefix}-{n}" in self.used:
            n += 1
        self.used.add(f"{prefix}-{n}")
        return f"{prefix}-{n}"

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, items: tuple[str, ...] | list[str] | str) -> str:
        return str(self.rng.choice(items))

    def fill(self, template: str) -> str:
        """A template with its {field}s (each a different one), {region} (short), {full},
        {level}, {partner}, {university}, {cas}, {brand}, {person}, {n} (a long number, for
        URLs) and {k} (a small one) filled in."""
        for name in self.rng.sample(FIELDS, k=template.count("{field}")):
            template = template.replace("{field}", name, 1)
        university = self.pick(UNIVERSITIES)
        return template.format(
            region=self.short, full=self.region, level=self.pick(LEVELS), partner=university,
            university=university, cas=self.pick(CAS_INSTITUTES), brand=self.pick(BRANDS),
            person=self.pick(SURNAMES) + self.pick(GIVEN) + self.pick(("", self.pick(GIVEN))),
            n=self.rng.randint(10, 9999999), k=self.rng.randint(2, 40),
        )  # fmt: skip

    def some(self, p: float, template: tuple[str, ...]) -> str | None:
        """One of the templates, filled, with chance p; else None."""
        return self.fill(self.pick(template)) if self.chance(p) else None


class Digits(str):
    """A number as it is to be written in the YAML, unquoted: 4.10 stays 4.10."""


def _represent_digits(representer: Any, data: Digits) -> Any:
    tag = "tag:yaml.org,2002:float" if "." in data else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, str(data))


def number(d: Draft, kind: Kind, unit: str) -> Digits | str:
    """A value of this kind, written as a source would print it (4.10, 23236, "12,345")."""
    low, high = kind.low, kind.high
    if unit == "万元":
        low, high = 10, 99999
    value = low * (high / low) ** d.rng.random()
    places = d.pick([str(p) for p in kind.decimals])
    if kind.whole or places == "0":
        whole = max(1, round(value))
        if whole >= 10000 and d.chance(0.3):
            return f"{whole:,}"  # quoted as the source prints it
        return Digits(str(whole))
    text = f"{value:.{places}f}"
    if float(text) == 0:
        text = "0.1"
    return Digits(text)


def label(d: Draft, kind: Kind) -> tuple[str, str]:
    """A label of 2 to 40 characters made of the kind's words, and its core: [where] [action]
    [scope] [field] core [what it includes], as long as the draw asks."""
    core = d.pick(kind.cores)
    roll = d.rng.random()
    if roll < 0.08:
        short = d.pick(kind.shorts)
        return short, short
    target = 40 if roll > 0.9 else 26 if roll > 0.72 else 14
    slots = [
        (1, d.pick(kind.scopes)),
        (2, d.fill("{field}领域")),
        (0, d.pick(kind.actions) if kind.actions else ""),
        (3, d.fill("（含{field}、{field}）")),
        (-1, d.fill(d.pick(WHERE))),
    ]
    chosen: dict[int, str] = {}
    for place, text in slots:
        if not text or (target < 26 and d.chance(0.4)):
            continue
        if len(core) + sum(map(len, chosen.values())) + len(text) > target:
            continue
        chosen[place] = text
        if target == 14 and d.chance(0.5):
            break
    before = "".join(chosen[p] for p in sorted(chosen) if p < 3)
    return before + core + chosen.get(3, ""), core


def change(d: Draft, kind: Kind) -> dict[str, Any]:
    """One change fitting the kind: points for a share, added for a count, else a rate."""
    if kind is PERCENT and d.chance(0.6):
        found: dict[str, Any] = {"kind": "points", "value": number(d, POINTS, "个百分点")}
    elif kind.whole and d.chance(0.5):
        found = {"kind": "added", "value": Digits(str(d.rng.randint(1, 300)))}
        if d.chance(0.2):
            found["verb"] = d.pick(("净增", "新认定", "新培育"))
        if d.chance(0.15):
            found["numeral"] = "chinese"
    else:
        found = {"kind": d.pick(("yoy", "growth")), "value": number(d, PERCENT, "%")}
        if d.chance(0.1):
            found["verb"] = "增幅达"
    if d.chance(0.15):
        found["value"] = Digits("-" + str(found["value"]).replace(",", ""))
        found.pop("verb", None)
    if d.chance(0.25):
        found["since"] = d.pick([str(YEAR - 1), str(YEAR - 2), "上年"])
        if found["since"].isdigit():
            found["since"] = int(found["since"])
    if d.chance(0.1):
        found["qualifier"] = d.pick(("nearly", "more_than"))
    return found


def metric(d: Draft) -> tuple[dict[str, Any], Kind]:
    """One metric with some of what a source prints about it."""
    kind = d.rng.choice(KINDS)
    unit = d.pick(kind.units)
    text, core = label(d, kind)
    value = number(d, kind, unit)
    found: dict[str, Any] = {"id": d.ident("m"), "label": text, "value": value, "unit": unit}
    if len(text) > 12 and d.chance(0.5):
        found["short_label"] = core
    plain = str(value).replace(",", "")
    whole = "." not in plain
    qualifier = d.pick(
        ("exact",) * 6 + ("over", "more_than", "nearly", "about", "and_more", "above", "around")
    )
    if qualifier != "exact":
        found["qualifier"] = qualifier
    if whole and kind.whole and int(plain) <= 100000 and d.chance(0.2):
        found["numeral"] = d.pick(("chinese", "chinese", "liang"))
        if d.chance(0.3):  # a round figure: 近百项, 突破千家
            found["value"] = Digits(d.pick(("10", "100", "1000", "2", "200")))
    if d.chance(0.45):
        found["change"] = [change(d, kind) for _ in range(d.rng.randint(1, 2))]
        if len(found["change"]) == 1 and d.chance(0.5):
            found["change"] = found["change"][0]
    if d.chance(0.12):
        found["standing"] = d.pick(STANDINGS)
    if d.chance(0.08):
        found["first_time"] = True
    if kind.whole and d.chance(0.15):
        found["cumulative"] = True
    if d.chance(0.12):
        found["as_of"] = dt.date(YEAR, 12, 31) if d.chance(0.5) else f"截至{YEAR}年底"
    if d.chance(0.08):
        goal = Digits(str(round(float(plain) * 0.9, 1 if not whole else None)))
        met = d.pick(("early", "yes", "no")) if d.chance(0.7) else None
        found["target"] = drop_none({"value": goal, "name": d.some(0.5, TARGETS), "met": met})
    if d.chance(0.12) and "," not in str(value):
        places = 0 if whole else 1
        found["series"] = {
            YEAR - 2: Digits(f"{float(plain) * 0.8:.{places}f}"),
            YEAR - 1: Digits(f"{float(plain) * 0.9:.{places}f}"),
        }
    return drop_none({**found, "note": d.some(0.08, NOTES)}), kind


def ranking(d: Draft, subjects: list[str]) -> dict[str, Any]:
    """A position in a list, with or without its size and scope, numeral, place and move."""
    rank = d.rng.choice((1, 1, 2, 3, 5, 7, 12, 33, 62, 108))
    found: dict[str, Any] = {"id": d.ident("r"), "list": d.fill(d.pick(RANK_LISTS)), "rank": rank}
    if subjects and d.chance(0.25):
        found["subject"] = d.pick(subjects)
    if d.chance(0.5):
        found["out_of"] = rank + d.rng.choice((0, 4, 20, 150, 260))
    if d.chance(0.6):
        found["scope"] = d.pick(SCOPES)
    if d.chance(0.2):
        found["numeral"] = "chinese"
    if d.chance(0.2):
        found["place"] = d.pick(("名", ""))
    if d.chance(0.3):
        move: dict[str, Any] = {"kind": "places", "value": d.rng.choice((1, 2, 10, -3))}
        if d.chance(0.6):
            move["since"] = "上年"
        found["change"] = move
    if d.chance(0.5):
        found["year"] = YEAR
    return found


def entity(d: Draft) -> dict[str, Any]:
    """A named institution, enterprise, platform, person … with level, role and note."""
    kind = d.pick(ENTITY_KINDS)
    found: dict[str, Any] = {
        "id": d.ident("e"),
        "name": d.fill(d.pick(ENTITY_NAMES[kind])),
        "kind": kind,
        "level": d.some(0.4, LEVELS),
        "role": d.some(0.4, ROLES),
        "note": d.some(0.25, ENTITY_NOTES),
    }
    if d.chance(0.1):
        found["aliases"] = [found["name"][:4]]
    return drop_none(found)


def drop_none(found: dict[str, Any]) -> dict[str, Any]:
    """The keys given a value: what a facts file would leave out is left out."""
    return {k: v for k, v in found.items() if v is not None}


def highlight(
    d: Draft,
    metrics: list[dict[str, Any]],
    credited: list[dict[str, Any]],
    entities: list[dict[str, Any]],
) -> dict[str, Any]:
    """20 to 120 characters in an editor's words; about some figures, crediting institutions."""
    target = d.rng.randint(20, 120)
    found: dict[str, Any] = {}
    names: list[str] = []
    if credited and d.chance(0.6):
        crediting = d.rng.sample(credited, k=min(len(credited), d.rng.choice((1, 1, 2, 2, 3))))
        found["entities"] = [e["id"] for e in crediting]
        names = [e["name"] for e in crediting]
    elif entities and d.chance(0.3):
        found["entities"] = [d.rng.choice(entities)["id"]]
    clauses: list[str] = []
    if names:
        clauses.append("、".join(names) + d.fill(d.pick(DEEDS)))
    else:
        clauses.append(d.fill(d.pick(OPENERS)) + d.fill(d.pick(DEEDS)))
    about = d.rng.sample(metrics, k=min(len(metrics), d.rng.choice((0, 1, 1, 2))))
    for m in about:
        clauses.append(f"{m['label']}{_plain_value(m)}")
    if about:
        found["metrics"] = [m["id"] for m in about]
    more = [*EFFECTS, *(d.fill(deed) for deed in DEEDS)]
    d.rng.shuffle(more)
    while more and sum(map(len, clauses)) + len(clauses) < target - 12:
        clauses.append(more.pop())
    text = "，".join(clauses)
    while len(text) > 119 and len(clauses) > 1:
        clauses.pop()
        text = "，".join(clauses)
    found["text"] = (text[:119] if len(text) > 119 else text) + "。"
    if len(found["text"]) < 20:
        found["text"] = text + "，" + d.pick(EFFECTS) + "。"
    return {"text": found.pop("text"), **found}


def _plain_value(m: dict[str, Any]) -> str:
    """A figure as an editor might repeat it in a highlight (digits and unit)."""
    return f"{m['value']}{m['unit']}"


def charts(
    d: Draft, metrics: list[tuple[dict[str, Any], Kind]], rankings: list[str], short: str
) -> list[dict[str, Any]]:
    """Only charts that are valid: bars of one unit, shares of percentages, rankings, groups of
    two units, lines of metrics with other years."""
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for m, _ in metrics:
        by_unit.setdefault(m["unit"], []).append(m)
    found: list[dict[str, Any]] = []

    def add(kind: str, title: str, **shown: Any) -> None:
        found.append({"id": d.ident("c"), "kind": kind, "title": title, **shown})

    for unit, same in by_unit.items():
        if unit != "%" and len(same) >= 2 and d.chance(0.6):
            shown = same[: d.rng.randint(2, 8)]
            title = d.pick((f"{short}主要指标（{unit}）", f"{YEAR}年{shown[0]['label']}等指标对比"))
            add("bar", title, metrics=[m["id"] for m in shown])
    shares = by_unit.get("%", [])
    if shares and d.chance(0.6):
        add("share", f"{short}相关比重", metrics=[m["id"] for m in shares[:6]])
    if rankings and d.chance(0.6):
        add("ranking", f"{YEAR}年{short}相关排名", rankings=rankings[: d.rng.randint(1, 6)])
    units = [u for u, same in by_unit.items() if len(same) >= 2]
    if len(units) >= 2 and d.chance(0.5):
        first, second = d.rng.sample(units, 2)
        parts = d.rng.sample(PARTS, k=min(len(by_unit[first]), len(by_unit[second]), 4))
        groups = [
            {"label": part, "metrics": [by_unit[first][i]["id"], by_unit[second][i]["id"]]}
            for i, part in enumerate(parts)
        ]
        add("grouped", f"{short}分级情况", series=[f"数量（{first}）", f"规模（{second}）"],
            groups=groups)  # fmt: skip
    trends = [m for m, _ in metrics if m.get("series")]
    if trends and d.chance(0.7):
        unit = trends[0]["unit"]
        same = [m["id"] for m in trends if m["unit"] == unit][:3]
        add("line", f"近三年{short}走势（{unit}）", metrics=same)
    return found


def theme(d: Draft, index: int, heads: list[str]) -> dict[str, Any]:
    """One theme: a title, a summary, and any of metrics, rankings, claims, highlights,
    entities and charts; never empty."""
    title, short = THEME_TITLES[index % len(THEME_TITLES)]
    count = d.rng.choice((0, 1, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20))
    pairs = [metric(d) for _ in range(count)]
    metrics = [m for m, _ in pairs]
    found: dict[str, Any] = {"id": d.ident("t"), "title": title}
    if d.chance(0.8):
        found["short_title"] = short
    more = d.pick(EFFECTS) + "，" + d.fill(d.pick(DEEDS)) + "。" if d.chance(0.6) else ""
    found["summary"] = d.fill(SUMMARY) + d.pick(EFFECTS) + "。" + more
    if metrics:
        found["metrics"] = metrics
    entities = [entity(d) for _ in range(d.rng.choice((0, 0, 1, 2, 3, 4, 6, 8)))]
    rankings = [
        ranking(d, [e["name"] for e in entities])
        for _ in range(d.rng.choice((0, 0, 0, 1, 2, 3, 6)) if d.ranked else 0)
    ]
    if rankings:
        found["rankings"] = rankings
    if d.chance(0.2) and (metrics or rankings):
        claim: dict[str, Any] = {"id": d.ident("k"), "text": d.pick(CLAIMS)}
        if metrics:
            claim["metrics"] = [m["id"] for m in metrics[:2]]
        if rankings:
            claim["rankings"] = [rankings[0]["id"]]
        found["claims"] = [claim]
    credited = [e for e in entities if e["kind"] in ("institution", "platform", "enterprise")]
    lights = d.rng.choice((1, 1, 2, 2, 3, 4, 5, 6, 8))
    found["highlights"] = [highlight(d, metrics, credited, entities) for _ in range(lights)]
    if entities:
        found["entities"] = entities
    drawn = charts(d, pairs, [r["id"] for r in rankings] + (heads if d.chance(0.2) else []), short)
    if drawn:
        found["charts"] = drawn
    return found


def generate(seed: int) -> str:
    """The YAML text of a valid facts file, the same for the same seed."""
    rng = random.Random(seed)
    region, short = rng.choice(REGIONS)
    d = Draft(rng, region, short, ranked=rng.random() > 0.25)
    heads = [ranking(d, []) for _ in range(rng.choice((0, 0, 1, 2, 3)) if d.ranked else 0)]
    themes = [theme(d, i, [r["id"] for r in heads]) for i in range(rng.randint(1, 8))]
    every = [m["id"] for t in themes for m in t.get("metrics", [])]
    meta: dict[str, Any] = {
        "id": f"varied-{seed}",
        "title": f"{region}科技创新发展简报",
        "subtitle": d.some(0.7, SUBTITLES),
        "region": region,
        "period": str(YEAR),
        "issuer": d.some(0.6, ISSUERS),
        "date": dt.date(YEAR + 1, rng.randint(1, 3), rng.randint(1, 28)) if d.chance(0.5) else None,
        "sources": [source(d) for _ in range(rng.randint(1, 4))],
    }
    headline: dict[str, Any] = {"summary": d.fill(HEADLINE)}
    if heads:
        headline["rankings"] = heads
    if heads and d.chance(0.4):
        headline["claims"] = [
            {
                "id": d.ident("k"),
                "text": "连续上榜全国科技创新百强城市",
                "rankings": [heads[0]["id"]],
            }
        ]
    if every:
        headline["key_figures"] = rng.sample(every, k=min(len(every), rng.randint(0, 8)))
    facts: dict[str, Any] = {"briefing": drop_none(meta), "headline": headline, "themes": themes}
    if d.chance(0.75):
        facts["outlook"] = outlook(d)
    return dump(facts)


def source(d: Draft) -> dict[str, Any]:
    """A source with a URL (some long, with a query), a publisher, a date and a note."""
    found = {
        "id": d.ident("s"),
        "title": d.fill(d.pick(SOURCE_TITLES)),
        "publisher": d.some(0.7, PUBLISHERS),
        "date": dt.date(YEAR + 1, d.rng.randint(1, 6), d.rng.randint(1, 28)),
        "url": d.some(0.85, URLS),
        "note": d.some(0.3, SOURCE_NOTES),
    }
    return drop_none(found) if d.chance(0.6) else drop_none({**found, "date": None})


def outlook(d: Draft) -> dict[str, Any]:
    """The closing outlook: a summary, pledges, entities."""
    found: dict[str, Any] = {"summary": d.fill(OUTLOOK)}
    pledges = []
    for _ in range(d.rng.choice((0, 1, 2, 3, 4))):
        items = [d.fill(d.pick(DEEDS)) for _ in range(d.rng.randint(0, 4))]
        pledge = {"id": d.ident("p"), "name": d.fill("{field}攻坚"), "action": d.pick(ACTIONS)}
        pledges.append({**pledge, "items": items} if items else pledge)
    if pledges:
        found["pledges"] = pledges
    if d.chance(0.3):
        found["entities"] = [entity(d)]
    return found


def dump(facts: dict[str, Any]) -> str:
    """Plain data as YAML text; numbers as written."""
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.representer.add_representer(Digits, _represent_digits)
    out = io.StringIO()
    yaml.dump(facts, out)
    return out.getvalue()


def main(argv: list[str]) -> int:
    """python -m tests.varied SEED OUTDIR [--build]"""
    if len(argv) < 2 or not argv[0].isdigit():
        print(main.__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"varied-{argv[0]}.yml"
    path.write_text(generate(int(argv[0])), encoding="utf-8")
    print(path)
    if "--build" in argv[2:]:
        from briefing import build

        for output in build(path, output=folder):
            print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
