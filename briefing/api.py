"""The library API: build a briefing's outputs from a facts file and a brand kit."""

from __future__ import annotations

import os
import shutil
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BriefingError, InputError, Problem, portable
from .paths import ASSETS, DEFAULT_BRAND, DEFAULT_FACTS
from .render import FORMATS, REGISTRY, RenderOptions

# The facts, brand and story modules load pydantic and ruamel, and the renderers far more:
# each is imported where it is used, so `--help`, `--version` and `schema` stay light.
if TYPE_CHECKING:
    from .brand import Brand
    from .extract import Drafted
    from .facts import Facts
    from .story import Story
    from .verify import Verdict
    from .yamlfile import Document

Progress = Callable[[str], None]


def _silent(_: str) -> None:
    """Progress sink that says nothing."""


def check(
    facts: Path = DEFAULT_FACTS,
    brand: Path = DEFAULT_BRAND,
    *,
    warn: Progress = _silent,
    allow_missing_glyphs: bool = False,
    allow_outside_kit: bool = False,
) -> tuple[Facts, Brand]:
    """Facts and brand, validated, and every character checked against the brand's font.

    One run reports every problem: the facts file's types, references and rules, the brand
    kit's, and the characters the brand's font lacks (checked in both files even when either
    has other problems; not checked when the brand itself does not load, as its font is then
    unknown). InputError lists them all, facts file first, each in file order. Valid facts
    whose charts would say nothing (one bar, two rows the same), and texts a draft left as
    TODO for the editor, are only warned about.
    """
    from .brand import read_brand
    from .brand.glyphs import missing_glyphs
    from .facts.loader import inspect_facts, todo_warnings

    problems: list[Problem] = []
    documents: list[Document] = []
    found: Facts | None = None
    try:
        found, facts_file, facts_problems = inspect_facts(Path(facts))
        documents.append(facts_file)
        problems += facts_problems
        if found is not None and not facts_problems:  # charts that would say nothing
            from .facts.warnings import chart_warnings

            for located in chart_warnings(found, facts_file):
                warn(str(located))
        for located in todo_warnings(facts_file):  # texts a draft left for the editor
            warn(str(located))
    except InputError as error:  # not YAML, not UTF-8: nothing more to check in it
        problems += error.problems
    kit: Brand | None = None
    try:
        kit, brand_file = read_brand(Path(brand), allow_outside=allow_outside_kit)
        documents.append(brand_file)
    except InputError as error:
        problems += error.problems
    if kit is not None:
        for warning in kit.warnings:
            warn(warning)
        missing = missing_glyphs(documents, kit)
        if allow_missing_glyphs:
            for problem in missing:
                warn(f"{problem} (drawn as an empty box)")
        else:
            problems += missing
    if problems or found is None or kit is None:
        raise InputError(in_file_order(problems, first=str(Path(facts))))
    return found, kit


def in_file_order(problems: list[Problem], first: str = "") -> list[Problem]:
    """Problems grouped by file (`first`, then the others as they appear), each by position."""
    files = {first: 0}
    for problem in problems:
        files.setdefault(problem.file, len(files))
    return sorted(problems, key=lambda p: (files[p.file], p.line, p.column))


def load_story(
    facts: Path = DEFAULT_FACTS,
    brand: Path = DEFAULT_BRAND,
    *,
    warn: Progress = _silent,
    allow_missing_glyphs: bool = False,
    allow_outside_kit: bool = False,
) -> Story:
    """Facts and brand, checked, laid out as a story."""
    from .story import build_story

    checked = check(
        facts,
        brand,
        warn=warn,
        allow_missing_glyphs=allow_missing_glyphs,
        allow_outside_kit=allow_outside_kit,
    )
    return build_story(*checked)


def build(
    facts: Path = DEFAULT_FACTS,
    formats: Iterable[str] = FORMATS,
    output: Path = Path("output"),
    brand: Path = DEFAULT_BRAND,
    progress: Progress = _silent,
    *,
    template: Path | None = None,
    warn: Progress = _silent,
    allow_missing_glyphs: bool = False,
    allow_outside_kit: bool = False,
    pdfa: bool | None = None,
    embed_fonts: bool | None = None,
    fork: bool = True,
) -> list[Path]:
    """Render the briefing in each format into output/<id>.<format>; all or nothing.

    `template` is a .pptx/.potx whose masters and layouts the deck builds on (else the
    brand's deck_template, else a master generated from the brand). `allow_outside_kit`
    lets the brand name files outside its folder; `pdfa` writes the PDF as PDF/A-2b and
    `embed_fonts` puts the brand's fonts in the deck (None: as the brand kit says). With
    `fork`, each format is rendered in a child process of its own where that is faster
    (briefing.forks); the outputs are the same.
    """
    from .forks import Renderers
    from .output import pause_for_test, recover, staged

    wanted = _wanted(formats, template, warn)
    renderers = Renderers.start(wanted) if fork else None  # importing while the story is made
    try:
        recover(Path(output))  # a killed build's earlier outputs put back, whatever comes next
        progress(f"reading {facts}")
        story = load_story(
            facts,
            brand,
            warn=warn,
            allow_missing_glyphs=allow_missing_glyphs,
            allow_outside_kit=allow_outside_kit,
        )
        targets = [Path(output) / f"{story.id}.{REGISTRY[fmt].suffix}" for fmt in wanted]
        options = RenderOptions(
            template=template,
            warn=warn,
            pdfa=story.brand.pdfa if pdfa is None else pdfa,
            embed_fonts=story.brand.embed_fonts if embed_fonts is None else embed_fonts,
        )
        with staged(targets) as parts:
            try:
                if renderers is not None:
                    for fmt, part in zip(wanted, parts, strict=True):
                        renderers.render(fmt, story, part, options)
                for fmt, part, target in zip(wanted, parts, targets, strict=True):
                    progress(f"rendering {target}")
                    if renderers is None:
                        REGISTRY[fmt].renderer()(story, part, options)
                    else:
                        renderers.finish(fmt, warn)
                    pause_for_test(f"rendered-{fmt}")
            finally:
                if renderers is not None:
                    renderers.close()  # before the parts are removed: no child writes after
    finally:
        if renderers is not None:
            renderers.close()
        _cache_warnings(warn)
    return targets


def _cache_warnings(warn: Progress) -> None:
    """Warn of the chart-cache entries found damaged (and made again) since the last call."""
    from .charts.cache import take_warnings

    for warning in take_warnings():
        warn(warning)


def _wanted(formats: Iterable[str], template: Path | None, warn: Progress) -> list[str]:
    """The formats asked for, in registry order; a missing template is an error."""
    asked = set(formats)
    wanted = [f for f in FORMATS if f in asked]
    if asked - set(FORMATS) or not wanted:
        raise ValueError(f"formats must be among {FORMATS}, got {sorted(asked)}")
    if template is not None and not Path(template).is_file():
        raise BriefingError(f"{template}: no such template file")
    if template is not None and "pptx" not in wanted:
        warn("a template only shapes the deck; this build writes no deck")
    return wanted


FACTS_SUFFIXES = (".yml", ".yaml")
PROGRESS, WARNING = "progress", "warning"


@dataclass(frozen=True)
class Built:
    """One briefing of a batch: its facts file, and the outputs written or why none were."""

    facts: Path
    written: tuple[Path, ...] = ()
    error: Exception | None = None
    trace: str = ""  # the traceback of an error, for a bug report


@dataclass(frozen=True)
class _Order:
    """What every briefing of a batch is built with; sent to each worker process."""

    formats: tuple[str, ...]
    output: Path
    brand: Path
    template: Path | None
    allow_missing_glyphs: bool
    allow_outside_kit: bool = False
    pdfa: bool | None = None
    embed_fonts: bool | None = None


def _ignore(_: Built) -> None:
    """A sink for finished briefings that does nothing."""


def facts_files(paths: Iterable[Path]) -> list[Path]:
    """Each file as given and each folder's *.yml and *.yaml files (by name; hidden ones
    left out), in order; a file named twice is built once."""
    found: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in FACTS_SUFFIXES and not p.name.startswith(".") and p.is_file()
        )
        if not inside:
            raise BriefingError(f"{path}: no facts files (*.yml, *.yaml) in this folder")
        found += inside
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def build_many(
    facts: Iterable[Path],
    formats: Iterable[str] = FORMATS,
    output: Path = Path("output"),
    brand: Path = DEFAULT_BRAND,
    progress: Progress = _silent,
    *,
    template: Path | None = None,
    warn: Progress = _silent,
    allow_missing_glyphs: bool = False,
    allow_outside_kit: bool = False,
    pdfa: bool | None = None,
    embed_fonts: bool | None = None,
    jobs: int | None = None,
    done: Callable[[Built], None] = _ignore,
) -> list[Built]:
    """Build many briefings, each as `build` does, in `jobs` worker processes (default: one
    per core); a folder stands for its facts files (see facts_files).

    A briefing that fails does not stop the others: each Built says what was written or
    why not, in the order of the files. `done` hears of each one (after its progress and
    warnings) as soon as it and those before it are finished. Two files giving the same
    id are refused (InputError, at the later one's id) before anything is built, as their
    outputs would overwrite each other.
    """
    from .forks import discard_early
    from .output import check_folder

    discard_early()  # renderers the command line started for a build of one briefing
    files = facts_files(facts)
    wanted = _wanted(formats, template, warn)
    check_folder(Path(output))  # else every briefing would fail alike
    deck_template = template if "pptx" in wanted else None  # else warned about once, above
    order = _Order(
        tuple(wanted),
        Path(output),
        Path(brand),
        deck_template,
        allow_missing_glyphs,
        allow_outside_kit,
        pdfa,
        embed_fonts,
    )
    workers = min(jobs or os.cpu_count() or 1, len(files))
    results: list[Built] = []
    if workers <= 1:
        _refuse_shared_ids(files, [_briefing_id(path) for path in files], order.output)
        for path in files:
            results.append(_build_one(path, order, progress, warn))
            done(results[-1])
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    spawn = multiprocessing.get_context("spawn")  # no fork of a process that holds threads
    with ProcessPoolExecutor(workers, spawn, initializer=_start_worker, initargs=(order,)) as pool:
        try:
            _refuse_shared_ids(files, list(pool.map(_briefing_id, files)), order.output)
            for built, said in pool.map(_build_in_worker, files, [order] * len(files)):
                for channel, message in said:
                    (progress if channel == PROGRESS else warn)(message)
                results.append(built)
                done(built)
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    return results


def _briefing_id(path: Path) -> str | None:
    """The id a facts file gives its briefing, if it has one to read."""
    from .yamlfile import Document

    try:
        data = Document.load(Path(path)).data()
    except Exception:  # the build of this file will say what is wrong
        return None
    meta = data.get("briefing") if isinstance(data, dict) else None
    ident = meta.get("id") if isinstance(meta, dict) else None
    return ident if isinstance(ident, str) else None


def _refuse_shared_ids(files: Sequence[Path], ids: Sequence[str | None], output: Path) -> None:
    """InputError at the id of every file whose id an earlier file already gives."""
    from .yamlfile import Document

    first: dict[str, Path] = {}
    problems: list[Problem] = []
    for path, ident in zip(files, ids, strict=True):
        if ident is None:
            continue
        if ident not in first:
            first[ident] = path
            continue
        reason = (
            f"'{ident}' is also the id of {first[ident]}: both would write {output / ident}.*;"
            " give each briefing its own id"
        )
        problems.append(Document.load(path).problem(("briefing", "id"), reason))
    if problems:
        raise InputError(problems)


def _build_one(path: Path, order: _Order, progress: Progress, warn: Progress) -> Built:
    """One briefing of a batch built, or why it was not."""
    try:
        written = build(
            path,
            order.formats,
            order.output,
            order.brand,
            progress,
            template=order.template,
            warn=warn,
            allow_missing_glyphs=order.allow_missing_glyphs,
            allow_outside_kit=order.allow_outside_kit,
            pdfa=order.pdfa,
            embed_fonts=order.embed_fonts,
            fork=False,  # the batch is parallel already, and keeps its renderers warm
        )
    except Exception as error:
        return Built(path, error=error, trace=traceback.format_exc())
    return Built(path, tuple(written))


def _start_worker(order: _Order) -> None:
    """Ready a worker process once for all its briefings: the renderers imported, and the
    brand read, so its font files are parsed here (they are cached for the process)."""
    try:
        for fmt in order.formats:
            REGISTRY[fmt].renderer()
        from .brand import read_brand

        read_brand(order.brand, allow_outside=order.allow_outside_kit)
    except Exception:  # each build reports what is wrong with it
        return


def _build_in_worker(path: Path, order: _Order) -> tuple[Built, list[tuple[str, str]]]:
    """One briefing built in a worker process: the result and what it said, in order."""
    said: list[tuple[str, str]] = []
    built = _build_one(
        path, order, lambda m: said.append((PROGRESS, m)), lambda m: said.append((WARNING, m))
    )
    return replace(built, error=portable(built.error)), said


CHART_FORMATS = ("svg", "png")


def export_charts(
    facts: Path = DEFAULT_FACTS,
    output: Path = Path("output"),
    brand: Path = DEFAULT_BRAND,
    formats: Iterable[str] = CHART_FORMATS,
    *,
    dpi: int = 200,
    progress: Progress = _silent,
    warn: Progress = _silent,
) -> list[Path]:
    """Every chart as SVG and/or PNG into output/<id>-charts/figNN-<chart id>.<format>."""
    from .charts import draw_png, draw_svg
    from .output import staged

    wanted = [f for f in CHART_FORMATS if f in set(formats)]
    if set(formats) - set(CHART_FORMATS) or not wanted:
        raise ValueError(f"chart formats must be among {CHART_FORMATS}, got {sorted(set(formats))}")
    story = load_story(facts, brand, warn=warn)
    folder = Path(output) / f"{story.id}-charts"
    jobs = [(spec, fmt) for spec in story.charts() for fmt in wanted]
    targets = [folder / f"fig{spec.number:02d}-{spec.id}.{fmt}" for spec, fmt in jobs]
    try:
        with staged(targets) as parts:
            for (spec, fmt), part, target in zip(jobs, parts, targets, strict=True):
                progress(f"drawing {target}")
                data = (
                    draw_svg(spec, story.brand)
                    if fmt == "svg"
                    else draw_png(spec, story.brand, dpi)
                )
                part.write_bytes(data)
    finally:
        _cache_warnings(warn)
    return targets


def summary(facts: Facts) -> list[str]:
    """One screen about a facts file: themes, metrics, charts."""
    meta = facts.briefing
    lines = [
        f"briefing  {meta.id}: {meta.title} ({meta.region}, {meta.period})",
        f"headline  {len(facts.headline.rankings)} rankings, {len(facts.headline.claims)} claims,"
        f" {len(facts.headline.key_figures)} key figures",
        f"themes    {len(facts.themes)}",
    ]
    for i, theme in enumerate(facts.themes, 1):
        lines.append(
            f"  {i}. {theme.title}: {len(theme.metrics)} metrics, {len(theme.rankings)} rankings,"
            f" {len(theme.highlights)} highlights, {len(theme.entities)} entities,"
            f" {len(theme.charts)} charts"
        )
    charts = sum(len(t.charts) for t in facts.themes)
    lines.append(
        f"total     {len(facts.metrics())} metrics, {len(facts.rankings())} rankings,"
        f" {len(facts.entities())} entities, {charts} charts, {len(meta.sources)} sources"
    )
    return lines


def brand_summary(brand: Brand) -> list[str]:
    """One screen about a brand kit: names, colours, fonts, logos, page, and how its
    text-on-fill pairs read (each brand colour a renderer swaps for a readable ink)."""
    colours = brand.colours
    logos = ", ".join(
        f"{size}/{mode}: {logo.path.name}" for (size, mode), logo in brand.logos.variants.items()
    )
    from .brand.contrast import contrast_summary

    contrast = contrast_summary(brand)
    return [
        f"name      {brand.name} ({brand.short_name})",
        f"colours   primary {colours.primary}, secondary {colours.secondary},"
        f" tertiary {colours.tertiary}, light {colours.light}",
        f"charts    {' '.join(colours.chart)}",
        f"fonts     PDF and charts: {brand.fonts.family} ({brand.fonts.regular.name},"
        f" {brand.fonts.bold.name})",
        f"          deck: {brand.fonts.deck_latin} / {brand.fonts.deck_east_asian}",
        f"logos     {logos or 'none'}",
        f"page      {brand.page.size}, cover {brand.page.cover}, base {brand.base_size_pt:g} pt,"
        f" classification {brand.classification or 'none'}",
        f"contrast  {contrast[0]}",
        *(f"          {line}" for line in contrast[1:]),
    ]


TEMPLATE = DEFAULT_FACTS.with_name("template.yml")


def init_project(folder: Path, *, example: bool = False) -> list[Path]:
    """A new project: facts.yml, its schema facts.schema.json, and brand/ (a copy of the kit).

    facts.yml is the commented template, placeholders that validate and build, to fill in;
    with `example`, the bundled example briefing instead.
    """
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BriefingError(f"{folder}: exists and is not an empty folder; pick a new one")
    folder.mkdir(parents=True, exist_ok=True)
    created = [folder / "facts.yml", folder / "facts.schema.json", folder / "brand"]
    shutil.copyfile(DEFAULT_FACTS if example else TEMPLATE, created[0])
    shutil.copyfile(DEFAULT_FACTS.with_name("facts.schema.json"), created[1])
    shutil.copytree(ASSETS, created[2], ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return created


def extract(
    article: Path,
    output: Path | None = None,
    *,
    ident: str | None = None,
    force: bool = False,
    warn: Progress = _silent,
) -> tuple[Path, Drafted]:
    """Draft a facts file from an article (.txt, .md, .html, .docx) into `output` (else the
    article's name with .yml), and check that it validates; its TODOs are warned about.

    Every drafted figure, change, ranking and claim records the article's words (`quote`) and
    where they are (`at`, LINE:COLUMN). An existing output is replaced only with `force`.
    """
    from .extract import draft_yaml, ident_for, read_article
    from .facts.loader import inspect_facts, todo_warnings
    from .output import staged

    article = Path(article)
    text = read_article(article)
    target = Path(output) if output is not None else article.with_suffix(".yml")
    if target.resolve() == article.resolve():
        raise BriefingError(f"{target}: is the article itself; pass --output another file")
    if target.exists() and not force:
        raise BriefingError(f"{target}: exists; pass --force to replace it, or --output FILE")
    drafted = draft_yaml(text, ident or ident_for(article), str(article))
    with staged([target]) as (part,):
        part.write_text(drafted.yaml, encoding="utf-8")
    _, document, problems = inspect_facts(target)
    if problems:
        raise InputError(problems)
    for located in todo_warnings(document):
        warn(str(located))
    return target, drafted


def verify(facts: Path, article: Path) -> Verdict:
    """Every figure, change and ranking of a facts file looked up in its source article:
    those not in it (as printed or as the same value written another way) are problems at
    their place in the facts file; the article's figures the facts leave out are warnings
    at their place in the article."""
    from .verify import verify_facts

    return verify_facts(Path(facts), Path(article))
