"""The `briefing` command line: a thin layer over the library API."""

from __future__ import annotations

import json
import os
import signal
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NamedTuple, NoReturn

import typer

from . import __version__, api
from .errors import LINE_LIMIT, BriefingError, InputError, printable
from .paths import DEFAULT_BRAND, DEFAULT_FACTS
from .render import FORMATS

app = typer.Typer(
    name="briefing",
    no_args_is_help=True,
    add_completion=False,
    help="Turn structured innovation facts into a branded PDF report and an editable deck.",
)


# Output formats of `briefing build`: every registered renderer, and all of them.
Format = StrEnum("Format", {**{name: name for name in FORMATS}, "all": "all"})  # type: ignore[misc]
ALL = Format("all")


FactsOption = Annotated[
    Path,
    typer.Option("--data", "-d", help="Facts file (YAML).", dir_okay=False),
]


def _say(message: str, *, one_line: bool = False, whole: bool = False) -> None:
    """A message on stderr, safe to print: user text in it with its control characters
    escaped and long lines cut (see errors.printable); `one_line` escapes newlines too,
    `whole` cuts nothing (a traceback)."""
    typer.echo(
        printable(message, lines=not one_line, limit=None if whole else LINE_LIMIT), err=True
    )


def _out(line: str) -> None:
    """A line of a command's result on stdout, as safe to print as `_say`'s."""
    typer.echo(printable(line, lines=False))


def _warn(message: str) -> None:
    _say(f"warning: {message}", one_line=True)


def _fail(error: Exception) -> NoReturn:
    """One clean message per problem on stderr, exit 1; a traceback only for our own bugs."""
    _explain(error)
    raise typer.Exit(code=1)


def _explain(error: Exception, trace: str = "") -> None:
    """What went wrong, on stderr: each located problem, else one line (and, for our own
    bug, the traceback if BRIEFING_DEBUG is set: `trace`, else the one being handled)."""
    if isinstance(error, InputError):
        for problem in error.problems:
            _say(str(problem), one_line=True)
        count = len(error.problems)
        _say(f"{count} problem{'s' if count != 1 else ''} found")
    elif isinstance(error, BriefingError):
        _say(f"error: {error}")
    elif isinstance(error, OSError) and error.filename is not None and error.strerror:
        _say(f"error: {error.filename}: {error.strerror}")  # the system refused this file
    else:
        if os.environ.get("BRIEFING_DEBUG"):
            _say((trace or traceback.format_exc()).rstrip("\n"), whole=True)
        _say(f"internal error: {type(error).__name__}: {error}")
        _say("nothing was written; set BRIEFING_DEBUG=1 for the traceback and report it")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefing {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Turn structured innovation facts into a branded PDF report and an editable deck."""


@app.command()
def build(
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            "-d",
            help="Facts file (YAML), or a folder of them; repeat for several briefings.",
            metavar="FILE|DIR",
            show_default="the bundled facts",
        ),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Which outputs to write.")] = ALL,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the outputs.", file_okay=False)
    ] = Path("output"),
    brand: Annotated[
        Path, typer.Option("--brand", "-b", help="Brand kit (brand.yml).", dir_okay=False)
    ] = DEFAULT_BRAND,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            "-t",
            help="Corporate .pptx/.potx whose masters and layouts the deck uses.",
            dir_okay=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages.")] = False,
    allow_missing_glyphs: Annotated[
        bool,
        typer.Option(
            "--allow-missing-glyphs",
            help="Build even if the brand's font lacks characters (they show as boxes).",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Briefings built at once, each in its own process (several --data).",
            show_default="the number of cores",
        ),
    ] = None,
    pdfa: Annotated[
        bool | None,
        typer.Option(
            "--pdfa/--no-pdfa",
            help="Write the PDF as PDF/A-2b, for archives.",
            show_default="the brand's pdfa, else off",
        ),
    ] = None,
    embed_fonts: Annotated[
        bool | None,
        typer.Option(
            "--embed-fonts/--no-embed-fonts",
            help="Carry the brand's fonts in the deck, cut to the characters it uses.",
            show_default="the brand's embed_fonts, else off",
        ),
    ] = None,
    allow_outside_kit: Annotated[
        bool,
        typer.Option(
            "--allow-outside-kit",
            help="Let the brand kit name logos, fonts and templates outside its folder.",
        ),
    ] = False,
) -> None:
    """Build the PDF report and/or the deck, of one briefing or many.

    Each briefing's outputs are named by its id. Several --data (or a folder) are built in
    parallel; one that fails is reported and the others are still built.

    Example: briefing build --format pdf --output out/
    """
    formats = FORMATS if format == "all" else (format.value,)
    progress = (lambda _: None) if quiet else _say
    data = data or [DEFAULT_FACTS]
    if len(data) > 1 or _is_folder(data[0]):
        choices = _Choices(allow_missing_glyphs, allow_outside_kit, pdfa, embed_fonts)
        _build_many(data, formats, output, brand, progress, template, choices, jobs)
        return
    try:
        written = api.build(
            data[0],
            formats,
            output,
            brand,
            progress=progress,
            template=template,
            warn=_warn,
            allow_missing_glyphs=allow_missing_glyphs,
            allow_outside_kit=allow_outside_kit,
            pdfa=pdfa,
            embed_fonts=embed_fonts,
        )
    except Exception as error:
        _fail(error)
    for path in written:
        if not quiet:
            _say(f"wrote {path} ({path.stat().st_size:,} bytes)")


def _is_folder(path: Path) -> bool:
    """Whether `path` is a folder; not when it cannot be looked at (the build says why)."""
    try:
        return path.is_dir()
    except OSError:
        return False


class _Choices(NamedTuple):
    """The build's switches, passed on to every briefing of a batch."""

    allow_missing_glyphs: bool
    allow_outside_kit: bool
    pdfa: bool | None
    embed_fonts: bool | None


def _build_many(
    data: list[Path],
    formats: tuple[str, ...],
    output: Path,
    brand: Path,
    progress: api.Progress,
    template: Path | None,
    choices: _Choices,
    jobs: int | None,
) -> None:
    """`build` of several briefings: each reported as it finishes, failures summed up."""
    failed: list[Path] = []

    def done(built: api.Built) -> None:
        if built.error is not None:
            _explain(built.error, built.trace)
            failed.append(built.facts)
            return
        for path in built.written:
            progress(f"wrote {path} ({path.stat().st_size:,} bytes)")

    try:
        results = api.build_many(
            data,
            formats,
            output,
            brand,
            progress,
            template=template,
            warn=_warn,
            allow_missing_glyphs=choices.allow_missing_glyphs,
            allow_outside_kit=choices.allow_outside_kit,
            pdfa=choices.pdfa,
            embed_fonts=choices.embed_fonts,
            jobs=jobs,
            done=done,
        )
    except Exception as error:
        _fail(error)
    briefings = f"{len(results)} briefing{'s' if len(results) != 1 else ''}"
    if failed:
        names = ", ".join(str(path) for path in failed)
        _say(f"{len(failed)} of {briefings} failed: {names}")
        raise typer.Exit(code=1)
    progress(f"built {briefings} into {output}")


@app.command()
def validate(
    file: Annotated[
        Path, typer.Argument(help="Facts file to check.", dir_okay=False)
    ] = DEFAULT_FACTS,
    brand: Annotated[
        Path,
        typer.Option("--brand", "-b", help="Brand kit whose font must have every character."),
    ] = DEFAULT_BRAND,
) -> None:
    """Check a facts file; print a summary, or every problem with its line and column.

    One run reports them all: wrong types, unknown ids, rule breaks, and characters the
    brand's font lacks (the brand kit is checked too).

    Example: briefing validate data/ordos-2024.yml
    """
    try:
        facts, _ = api.check(file, brand, warn=_warn)
    except Exception as error:
        _fail(error)
    _out(f"{file}: valid")
    for line in api.summary(facts):
        _out(line)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the facts file (for editor completion and checks).

    Example: briefing schema > facts.schema.json
    """
    from .facts.model import Facts

    typer.echo(json.dumps(Facts.model_json_schema(), ensure_ascii=False, indent=2))


class ChartFormat(StrEnum):
    """Image formats of `briefing charts`."""

    svg = "svg"
    png = "png"
    all = "all"


@app.command()
def charts(
    data: FactsOption = DEFAULT_FACTS,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for <id>-charts/.", file_okay=False)
    ] = Path("output"),
    format: Annotated[
        ChartFormat, typer.Option("--format", "-f", help="Image formats to write.")
    ] = ChartFormat.all,
    brand: Annotated[
        Path, typer.Option("--brand", "-b", help="Brand kit (brand.yml).", dir_okay=False)
    ] = DEFAULT_BRAND,
    dpi: Annotated[int, typer.Option("--dpi", min=72, max=600, help="PNG resolution.")] = 200,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages.")] = False,
) -> None:
    """Export every chart as SVG and/or PNG (for articles and other documents).

    Example: briefing charts --format png --output out/
    """
    formats = api.CHART_FORMATS if format is ChartFormat.all else (format.value,)
    try:
        written = api.export_charts(
            data, output, brand, formats, dpi=dpi, progress=(lambda _: None) if quiet else _say,
            warn=_warn,
        )  # fmt: skip
    except Exception as error:
        _fail(error)
    if not quiet:
        _say(f"wrote {len(written)} files into {written[0].parent}" if written else "no charts")


@app.command()
def extract(
    article: Annotated[
        Path, typer.Argument(help="Article: .txt, .md, .html or .docx (UTF-8 or GB18030/GBK).")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Draft facts file (default: the article's name with .yml).",
            dir_okay=False,
        ),
    ] = None,
    ident: Annotated[
        str | None,
        typer.Option("--id", help="The briefing's id (default: from the article's file name)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
) -> None:
    """Draft a facts file from an article: every figure, change, ranking and standing with
    its unit, qualifier, the article's words (quote) and where they are (at LINE:COLUMN).

    Titles and summaries the article does not give are left as TODO (warned about until
    written). The draft validates and builds as it is.

    Example: briefing extract article.txt --output draft.yml && briefing verify draft.yml
    --source article.txt
    """
    try:
        target, drafted = api.extract(article, output, ident=ident, force=force, warn=_warn)
    except Exception as error:
        _fail(error)
    _say(
        f"wrote {target}: {drafted.metrics} figures, {drafted.changes} changes, "
        f"{drafted.rankings} rankings, {drafted.claims} standings, {drafted.entities} entities; "
        f"{drafted.todos} TODOs to write"
    )


@app.command()
def verify(
    file: Annotated[Path, typer.Argument(help="Facts file to check.", dir_okay=False)],
    source: Annotated[
        Path,
        typer.Option("--source", "-s", help="The article the facts come from.", dir_okay=False),
    ],
) -> None:
    """Check every figure, change and ranking of a facts file against its source article.

    A figure the article does not print (as it stands, or as the same value written another
    way: 1.2万 for 12000, 两 for 2, 首位 for 第1位) is an error at its line and column; a
    figure of the article the facts leave out is a warning at its place in the article.

    Example: briefing verify data/ordos-2024.yml --source article.txt
    """
    try:
        verdict = api.verify(file, source)
    except Exception as error:
        _fail(error)
    for warning in verdict.warnings:
        _warn(str(warning))
    for problem in verdict.problems:
        _say(str(problem), one_line=True)
    summary = (
        f"{file}: {verdict.checked - len(verdict.problems)} of {verdict.checked} figures "
        f"found in {source}; {len(verdict.warnings)} figures of the source left out"
    )
    if verdict.problems:
        _say(summary)
        raise typer.Exit(code=1)
    _out(summary)


brand_app = typer.Typer(no_args_is_help=True, help="Work with brand kits (brand.yml).")
app.add_typer(brand_app, name="brand")


@brand_app.command("check")
def brand_check(
    file: Annotated[
        Path, typer.Argument(help="Brand file, or a folder holding brand.yml or _brand.yml.")
    ] = DEFAULT_BRAND,
    allow_outside_kit: Annotated[
        bool,
        typer.Option(
            "--allow-outside-kit",
            help="Let the kit name logos, fonts and templates outside its folder.",
        ),
    ] = False,
) -> None:
    """Check a brand kit: keys, colours, logo and font files, and whether every text the
    outputs print on a fill reaches WCAG AA contrast; print what it resolves to.

    Text below WCAG AA is a warning; brand colours swapped for a readable ink are listed.

    Example: briefing brand check my-brand/brand.yml
    """
    from .brand import check_brand

    try:
        kit = check_brand(file, allow_outside=allow_outside_kit)
    except Exception as error:
        _fail(error)
    for warning in kit.warnings:
        _warn(warning)
    _out(f"{kit.source}: valid")
    for line in api.brand_summary(kit):
        _out(line)


@app.command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="New project folder (must not exist or be empty).")
    ],
    example: Annotated[
        bool,
        typer.Option(
            "--example",
            help="Start from the bundled example briefing instead of the commented template.",
        ),
    ] = False,
) -> None:
    """Start a new briefing project: a facts file to fill in and a copy of the brand kit.

    facts.yml is a commented template that validates and builds; --example: the bundled example.

    Example: briefing init my-city-2025 && briefing build --data my-city-2025/facts.yml
    --brand my-city-2025/brand/brand.yml --output my-city-2025/output
    """
    try:
        created = api.init_project(folder, example=example)
    except Exception as error:
        _fail(error)
    for path in created:
        _say(f"created {path}")
    facts, brand = folder / "facts.yml", folder / "brand" / "brand.yml"
    _say(
        f"next: edit {facts} and {brand}, then run\n"
        f"  briefing validate {facts} --brand {brand}\n"
        f"  briefing build --data {facts} --brand {brand} --output {folder / 'output'}"
    )


def main() -> None:
    """Entry point of the console script."""
    signal.signal(signal.SIGTERM, _terminated)
    app(prog_name="briefing")


def _terminated(number: int, _: object) -> NoReturn:
    """SIGTERM ends the command as Ctrl-C does: a build in progress removes its part files
    and puts back any earlier output it had replaced."""
    raise SystemExit(128 + number)


if __name__ == "__main__":  # pragma: no cover
    main()
