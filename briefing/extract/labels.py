"""Words around a figure: its label from its clause, a list's name, the entities named."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from briefing.extract.figures import Found

CLAUSE_BREAKS = "，,。；;：:！!？?\n"
# Words that open a clause without naming anything: 2024年，推动争取… → 争取…
LEADING = re.compile(
    r"^(?:\d{4}年(?:度|底|末)?|其中|同时|此外|全年|年内|目前|截至\S{0,12}?(?:底|末|日)|"
    r"并|且|和|及|与|以及|共|累计|分别|先后|已|还|另外|全市|全区|全省|全县|包括|其中包括)+"
)
# Words that end a clause before its number: …投入达到53.2亿元 → …投入
TRAILING = re.compile(
    r"(?:分别|累计|共计|总计|合计|共|已|均|都|达到|达|为|是|实现|完成|有|超过|突破|增至|"
    r"提高到|提高至|提升至|提升到|增长到|增长至|增加到|增加至|上升至|上升到|约|近|超|逾|"
    r"新增|首次|占比达|占|预计|将|可|共有|拥有|有)+$"
)
SHORTENED = re.compile(
    r"^(?:全市|全区|全省|全县|全年|累计|推动|争取|实施|开展|举办|引进|建成|获批|组织|完成)+"
)
SCOPES = ("全国", "全省", "全区", "全市", "全州", "全盟", "各盟市", "全县", "同类城市", "西部")
ENTITY_ENDINGS = {
    "研究院": "institution",
    "研究所": "institution",
    "实验室": "institution",
    "大学": "institution",
    "学院": "institution",
    "中心": "platform",
    "平台": "platform",
    "基地": "platform",
    "孵化器": "platform",
    "众创空间": "platform",
    "园区": "platform",
    "产业园": "platform",
    "科创飞地": "platform",
    "工作站": "platform",
    "奖": "award",
    "计划": "program",
    "行动": "program",
    "工程": "program",
    "公司": "enterprise",
    "集团": "enterprise",
    "联盟": "organization",
    "协会": "organization",
    "促进会": "organization",
    "学会": "organization",
    "集群": "industry",
}
NAME_BREAKS = re.compile(
    r"[，,。；;：:！!？?、\s“”《》\"]|构筑|组建|成立|建成|获批|入选|推动|依托|建设|牵头|发布|"
    r"引进|实施|打造|认定|申报|获得|荣获|获|与|和|及|在|由|等(?!奖)|对|将|向|了|为|是|的|投运|新增|"
    r"完善|做到|抓好|支持|推动|加快|引导|强化|优化|深化|培育|落实|围绕|聚焦|鼓励|帮助|共建|建立|形成|"
    r"提升|加强|壮大|用好|[（(][一二三四五六七八九十\d]{1,3}[）)]"
)
ENTITY = re.compile(
    r"^[\u4e00-\u9fffA-Za-z0-9（）()·]*(?:"
    + "|".join(sorted(ENTITY_ENDINGS, key=len, reverse=True))
    + ")"
)
GENERIC = {"研究院", "实验室", "研发中心", "中心", "平台", "基地", "工程", "行动", "计划", "集群"}


# Words that only say what was done, naming nothing: 成功获批5家… → carry the object.
DOING = re.compile(
    r"^(?:成功|已经|已|累计|共|新|全年|年内|先后|陆续|重点|积极|大力)*"
    r"(?:获批|支持|引进|培育|建成|新建|认定|组建|获得|入选|推动|带动|帮助|吸引|服务|惠及|举办|"
    r"开展|组织|实施|新增|评为|创建|建设|落地|签约|开工|完成|获|立项|资助|扶持|奖励|遴选|"
    r"布局|设立|招引|孵化|认证|备案|登记|申报|推荐)+$"
)
# Words that stop the noun a count names: 16个高新区开工建设… → 高新区.
NOUN_STOP = re.compile(
    r"[\d的和与及、，,。；;：:（(]|开工|建设|完成|实现|获得|获批|入选|达到|进行|开展|覆盖|参与|"
    r"参加|通过|落地|建成|投入|提供|带动|形成|设立|申报|签约|对|在|获"
)
# A label that names a measure but not what it measures: 总数 → 研发机构总数.
MEASURE_ONLY = re.compile(r"^(?:其)?(?:总数|总量|总额|数量|规模|占比|比重|增速|增幅|占全\S{1,3})$")
LONGEST_LABEL = 30


def labels_for(text: str, found: list[Found]) -> list[str]:
    """A label for every figure, the subject carried from the figure before where the clause
    leaves it out (…33家，总数达到1630家 → 研发机构总数); 分别 hands a list of subjects to a
    list of figures."""
    labels: list[str] = []
    previous_end = 0
    for figure in found:
        labels.append(label_of(text, figure, previous_end))
        previous_end = figure.end
    _share_out(text, found, labels)
    carried = ""
    for index, label in enumerate(labels):
        if MEASURE_ONLY.match(label) and carried:
            labels[index] = label = _subject(carried) + label
        if label:
            carried = label
        else:
            labels[index] = carried
    return labels


def _subject(label: str) -> str:
    """What a label names, less the verb that opens it: 新增研发机构 → 研发机构."""
    words = re.sub(r"^.*?(?:新增|获批|引进|培育|建成|认定|入选|获得|组建)", "", label)
    return words or label


def _share_out(text: str, found: list[Found], labels: list[str]) -> None:
    """330家、701家 after '高新技术企业、科技型中小企业分别达到': a subject each."""
    for index, figure in enumerate(found):
        clause = _clause_of(text, figure)
        if "分别" not in labels[index] and "分别" not in clause:
            continue
        run = [index]
        while run[-1] + 1 < len(found):
            nxt = found[run[-1] + 1]
            between = text[found[run[-1]].end : nxt.start]
            if not re.fullmatch(r"[、和与及]", between) or nxt.kind != figure.kind:
                break
            run.append(run[-1] + 1)
        subject = re.split(r"分别", clause)[0]
        names = [n for n in re.split(r"[、和与及]", subject) if n]
        if len(names) == len(run) > 1:
            names[0] = re.split(r"[，,]", names[0])[-1]
            for i, name in zip(run, names, strict=True):
                labels[i] = re.sub(r"^\d{4}年|^[，,]", "", name).strip()


def _clause_of(text: str, figure: Found) -> str:
    left = figure.start
    while left > 0 and text[left - 1] not in "，,。；;\n":
        left -= 1
    return text[left : figure.start]


def label_of(text: str, found: Found, previous_end: int) -> str:
    """The words that name a figure: its clause before it (…经费投入达到53.2亿元 →
    全市R&D经费投入); the noun after a count that names what it counts (全市16个高新区 →
    高新区), after a verb that alone names nothing (成功获批5家全国重点实验室 → 成功获批全国
    重点实验室); else the words after it in the clause (2人获全国“杰出工程师奖”); '' if the
    clause names nothing."""
    start = found.start
    left = start
    while left > max(previous_end, 0) and text[left - 1] not in CLAUSE_BREAKS:
        left -= 1
    before = _trimmed(text[left:start])
    if len(before) <= 5 and re.match(r"^(?:对|向|从|在|为|与|给)", before):
        before = ""  # 对全省17个省辖市…: the count's noun follows it
    right = found.end
    while right < len(text) and text[right] not in CLAUSE_BREAKS + "、":
        right += 1
    after = text[found.end : right]
    if before and DOING.match(before) and after:
        tail = re.split(r"\d", after)[0]
        label = _trimmed(before + tail, tail=True) if tail else before
        return label[:LONGEST_LABEL]
    noun = NOUN_STOP.split(after, 1)[0]
    if not before and len(noun) >= 2 and found.kind == "metric":
        return noun
    if before:
        return before
    return _trimmed(after, tail=True)


def _trimmed(words: str, tail: bool = False) -> str:
    """A clause less its opening and closing filler words and marks."""
    words = words.strip(" \u3000、和与及的")
    for _ in range(3):
        words = LEADING.sub("", words).strip(" \u3000、")
        words = TRAILING.sub("", words).strip(" \u3000、")
    if tail:
        words = re.split(r"[，,。；;]", words)[0]
    if len(words) > LONGEST_LABEL:
        words = words[-LONGEST_LABEL:]
    return words if re.search(r"[\u4e00-\u9fffA-Za-z]", words) else ""


def short_label(label: str) -> str | None:
    """A shorter label for tiles, where the label opens with a scope or a verb."""
    short = SHORTENED.sub("", label)
    return short if short and short != label and len(short) >= 2 else None


def list_name(text: str, found: Found, cut: str = "") -> tuple[str, str | None, str | None]:
    """The list a rank is in, who is ranked, and the scope: ('中国地级市科技创新发展指数',
    None, None) for 位列中国地级市科技创新发展指数排名第33位; `cut` (the list's size as
    printed) is taken out of the name."""
    left = found.start
    while left > 0 and text[left - 1] not in CLAUSE_BREAKS:
        left -= 1
    words = text[left : found.start]
    if cut:
        words = words.replace(cut, "", 1)
    scope = None
    for candidate in SCOPES:
        if words.endswith(candidate) or words.endswith(candidate + "第"):
            scope = candidate
            words = words[: words.rfind(candidate)]
            break
    subject = None
    if "在" in words:
        subject, words = words.split("在", 1)
        subject = _trimmed(subject) or None
    words = re.sub(r"(?:位列|位居|名列|排名|排在|排|居|列|位于|跃居|稳居|中|第)+$", "", words)
    words = re.sub(r"^(?:位列|位居|名列|居|列|在)", "", words)
    name = _trimmed(words)
    return name, subject, scope


def region_of(text: str) -> str | None:
    """The place an article is mostly about: the most named 市, 区, 县, 省, 州 or 旗."""
    counts: Counter[str] = Counter()
    for match in re.finditer(r"(?<=[\u4e00-\u9fff])(?=[市区县省州旗盟])", text):
        end = match.start() + 1
        for size in range(2, 7):
            name = text[end - size : end]
            if len(name) == size and re.fullmatch(r"[\u4e00-\u9fff]+", name):
                counts[name] += 1
    generic = ("全", "各", "城市", "本", "我", "该", "省市", "地市", "盟市", "县区", "市区")
    named = [
        (count, len(name), name)
        for name, count in counts.items()
        if count >= 2 and not any(g in name for g in generic)
    ]
    if not named:
        return None
    best = max(count for count, _, _ in named)
    return max((size, name) for count, size, name in named if count == best)[1]


def period_of(text: str) -> str | None:
    """The year an article reports on: the year it names most (the later on a tie)."""
    years = Counter(re.findall(r"(?<!\d)(20\d\d|19\d\d)(?=年)", text))
    if not years:
        return None
    return str(max(years.items(), key=lambda item: (item[1], item[0]))[0])


@dataclass(frozen=True)
class Named:
    """An entity named in an article: its name, kind and where it first appears."""

    name: str
    kind: str
    start: int


def entities_in(text: str, start: int = 0, end: int | None = None) -> list[Named]:
    """Institutions, platforms, enterprises, awards, programs and industries named between
    `start` and `end`, by the forms of their names (…研究院, …实验室, …中心, …奖), once each."""
    end = len(text) if end is None else end
    seen: dict[str, Named] = {}
    position = start
    for piece in NAME_BREAKS.split(text[start:end]):
        at = text.find(piece, position, end) if piece else position
        position = at + len(piece) if at >= 0 else position
        match = ENTITY.match(piece.lstrip("()（）"))
        if match is None:
            continue
        name = match.group()
        if len(name) < 4 or name in GENERIC or name[0].isdigit():
            continue
        if re.match(
            r"^(?:各|一批|一个|多个|首批|\d|科技创新|重大|市级|自治区科技|新型研发|以上|以下)", name
        ):
            continue
        kind = next(k for e, k in ENTITY_ENDINGS.items() if name.endswith(e))
        seen.setdefault(name, Named(name, kind, max(at, start)))
    return sorted(seen.values(), key=lambda n: n.start)
