"""One registry of output formats feeds the CLI, the library API and the README."""

from __future__ import annotations

import pytest

from briefing.cli import app
from briefing.render import FORMATS, REGISTRY
from tests.helpers import modules_after

pytestmark = pytest.mark.unit


def test_every_format_has_a_renderer_with_the_one_signature():
    import inspect

    assert FORMATS == ("pdf", "pptx")
    for fmt in REGISTRY.values():
        render = fmt.renderer()
        assert list(inspect.signature(render).parameters) == ["story", "target", "options"]


def test_the_cli_offers_exactly_the_registered_formats_and_all(tmp_path):
    from typer.testing import CliRunner

    from briefing.cli import Format

    assert [f.value for f in Format] == [*FORMATS, "all"]
    refused = CliRunner().invoke(app, ["build", "--format", "docx", "--output", str(tmp_path)])
    assert refused.exit_code == 2
    assert all(name in refused.output for name in (*FORMATS, "all"))


def test_looking_up_formats_imports_no_renderer():
    loaded = modules_after("briefing.render", "briefing.api", "briefing.cli")
    assert "briefing.cli" in loaded
    renderers = {"reportlab", "pptx", "matplotlib", "briefing.render.pdf", "briefing.render.pptx"}
    assert renderers & loaded == set()
