"""Hostile brand kits: each is refused with a located message, never an internal error; what
brand check passes builds; a seeded fuzz of brand.yml mutants finds no other exception."""

from __future__ import annotations

import base64
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest

from briefing import build
from briefing.brand import check_brand, load_brand, read_brand
from briefing.brand.files import KitFault
from briefing.brand.images import raster_size, svg_checked
from briefing.errors import BriefingError, InputError
from briefing.paths import ASSETS, DEFAULT_BRAND

pytestmark = pytest.mark.unit

KITS = Path(__file__).resolve().parent / "attacks" / "kits"
BRIEFING = Path(sys.executable).with_name("briefing")
LOCATED = re.compile(r"^.+brand\.yml:\d+:\d+: ")

# Each committed attack kit: the field the message names and what it says.
ATTACKS = {
    "font-truncated": ("typography.fonts[0].files[0]", "'BASE' table runs past the end"),
    "font-corrupt": ("typography.fonts[0].files[0]", "'head' table is damaged"),
    "png-bomb": ("logo", "30000 × 30000 pixels; a logo may have at most 16 million"),
    "png-empty": ("logo", "logo/empty.png: the file is empty"),
    "png-truncated": ("logo", "the PNG is truncated inside its IDAT chunk"),
    "jpeg-truncated": ("logo", "the JPEG is truncated"),
    "svg-zero": ("logo", "the SVG has no size"),
    "svg-external": ("logo.images.file", "refers to '../../../../../../etc/hostname'"),
    "outside": ("logo", "../shared/outside.png lies outside the brand kit's folder"),
    "alias-chain": ("color.palette.c0", "through more than 8 palette names"),
    "long-name": ("meta.name", "is 300 characters long; at most 100"),
    "long-classification": ("defaults.briefing.classification", "200 characters long"),
    "control-name": ("meta.name", "control character U+001B"),
    "template-bomb": ("defaults.briefing.deck_template", "inflates to 65 MB"),
}


def refused(path: Path, **options: Any) -> list[str]:
    """The messages loading the kit gives; fails if it loads."""
    with pytest.raises(InputError) as caught:
        load_brand(path, **options)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("thorough", [False, True], ids=["load", "check"])
@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_each_attack_kit_is_refused_at_its_field(name, thorough):
    field, says = ATTACKS[name]
    messages = refused(KITS / name, thorough=thorough)
    assert all(LOCATED.match(m) for m in messages), messages
    assert any(f": {field}: " in m and says in m for m in messages), messages


@pytest.mark.parametrize("name", ["font-truncated", "font-corrupt", "png-bomb", "svg-zero"])
def test_the_build_path_refuses_them_the_same_way(name):
    with pytest.raises(InputError) as caught:
        read_brand(KITS / name)  # what validate and build read: no renderer opens the files
    assert ATTACKS[name][1] in str(caught.value)


def test_every_outward_reference_of_an_svg_is_refused():
    messages = refused(KITS / "svg-external")
    assert len(messages) == 4
    for field, says in [
        ("logo.images.address", "refers to 'http://example.org/track.png'"),
        ("logo.images.import", "stylesheet imports or refers to something outside"),
        ("logo.images.entity", "declares XML entities"),
    ]:
        assert any(f": {field}: " in m and says in m for m in messages), messages


def test_a_path_far_up_the_tree_is_outside_too():
    (_, font) = refused(KITS / "outside")
    assert (
        "typography.fonts[0].files[0]: ../../../../../../../../../../etc/passwd lies outside"
        in font
    )


def test_allowing_outside_files_lets_a_file_beside_the_kit_in(tmp_path):
    kit = tmp_path / "kit"
    kit.mkdir()
    shutil.copy(KITS / "shared" / "outside.png", tmp_path / "outside.png")
    (kit / "brand.yml").write_text("logo: ../outside.png\n", encoding="utf-8")
    assert "--allow-outside-kit" in refused(kit)[0]
    brand = load_brand(kit, allow_outside=True)
    assert brand.logos.pick().path == (tmp_path / "outside.png").resolve()


def test_a_link_out_of_the_kit_is_outside(tmp_path):
    kit = tmp_path / "kit"
    (kit / "logo").mkdir(parents=True)
    secret = tmp_path / "secret.png"
    shutil.copy(KITS / "shared" / "outside.png", secret)
    (kit / "logo" / "mark.png").symlink_to(secret)
    (kit / "brand.yml").write_text("logo: logo/mark.png\n", encoding="utf-8")
    (message,) = refused(kit)
    assert message.startswith(f"{kit / 'brand.yml'}:1:7: logo: logo/mark.png lies outside")
    assert "through a link" in message


def test_an_absolute_path_is_outside(tmp_path):
    outside = (KITS / "shared" / "outside.png").resolve()
    (tmp_path / "brand.yml").write_text(f"logo: {outside}\n", encoding="utf-8")
    (message,) = refused(tmp_path)
    assert f"logo: {outside} lies outside the brand kit's folder" in message


def test_a_fifo_or_a_folder_is_not_a_logo(tmp_path):
    os.mkfifo(tmp_path / "pipe.png")
    (tmp_path / "folder.png").mkdir()
    (tmp_path / "brand.yml").write_text(
        "logo:\n  small: pipe.png\n  medium: folder.png\n", encoding="utf-8"
    )
    messages = refused(tmp_path)
    assert len(messages) == 2
    assert all("is not a regular file (a folder, FIFO or device)" in m for m in messages)


@pytest.mark.parametrize("name", ["png-bomb", "outside", "font-corrupt", "svg-external"])
def test_brand_check_reports_them_cleanly(name):
    result = subprocess.run(
        [str(BRIEFING), "brand", "check", str(KITS / name)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1].endswith("found"), result.stderr
    assert all(LOCATED.match(line) for line in lines[:-1]), result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_pixel_bomb_is_refused_within_100_mb():
    program = (
        "import resource; from briefing.brand import read_brand\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        f"try:\n    read_brand({str(KITS / 'png-bomb')!r})\n"
        "except Exception as error:\n    print(type(error).__name__)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60
    )
    kind, grown_kb = result.stdout.split()
    assert kind == "InputError"
    assert int(grown_kb) < 100 * 1024


# ── The image checks on their own ───────────────────────────────────────────


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">L", len(body)) + kind + body + struct.pack(">L", zlib.crc32(kind + body))


def png(width: int, height: int, rows: bytes, interlace: int = 0) -> bytes:
    header = struct.pack(">LLBBBBB", width, height, 8, 0, 0, 0, interlace)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_a_png_is_read_to_its_end():
    assert raster_size(png(3, 2, b"\0abc\0def")) == (3, 2)
    with pytest.raises(KitFault, match="incomplete or of the wrong size"):
        raster_size(png(3, 2, b"\0abc"))
    with pytest.raises(KitFault, match="larger than its header says"):
        raster_size(png(3, 2, b"\0abc\0def\0ghi"))
    damaged = bytearray(png(3, 2, b"\0abc\0def"))
    damaged[40] ^= 0xFF
    with pytest.raises(KitFault, match="fails its checksum"):
        raster_size(bytes(damaged))


def test_an_interlaced_png_is_measured_pass_by_pass():
    # 3 × 2 grey, Adam7: passes 1 (1 × 1), 4 (1 × 1), 6 (1 × 1) and 7 (3 × 1) hold pixels.
    assert raster_size(png(3, 2, b"\0a" + b"\0b" + b"\0c" + b"\0def", interlace=1)) == (3, 2)


def test_an_svg_may_embed_a_png_and_refer_within_itself():
    picture = base64.b64encode(png(3, 2, b"\0abc\0def")).decode()
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="100%">'
        '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" height="2"/>'
        f'<image href="data:image/png;base64,{picture}" width="3" height="2"/></svg>'
    )
    assert svg_checked(svg.encode()) == (40.0, 20.0)
    bomb = base64.b64encode((KITS / "png-bomb" / "logo" / "huge.png").read_bytes()).decode()
    with pytest.raises(KitFault, match="embedded image: the image is 30000 × 30000"):
        svg_checked(svg.replace(picture, bomb).encode())


# ── What brand check passes builds ─────────────────────────────────────────


def varied_kit(folder: Path) -> Path:
    """A kit using what the checks allow: an SVG logo with an embedded PNG and a PNG beside
    it, a JPEG logo, an interlaced PNG, palette names three deep, the bundled fonts."""
    from PIL import Image

    shutil.copytree(ASSETS / "fonts", folder / "fonts")
    (folder / "logo").mkdir()
    seal = KITS / "shared" / "outside.png"
    shutil.copy(seal, folder / "logo" / "seal.png")
    picture = base64.b64encode(seal.read_bytes()).decode()
    (folder / "logo" / "seal.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<image href="data:image/png;base64,{picture}" width="100" height="100"/></svg>',
        encoding="utf-8",
    )
    with Image.open(seal) as image:
        image.convert("RGB").save(folder / "logo" / "seal.jpg", quality=85)
        image.save(folder / "logo" / "woven.png", interlace=1)
    text = DEFAULT_BRAND.read_text(encoding="utf-8")
    text = re.sub(r"logo:\n(  .*\n)+", "", text)
    text = text.replace(
        '    navy: "#12355B"', '    navy: deep\n    deep: night\n    night: "#12355B"'
    )
    text += (
        "logo:\n  images:\n    seal: {path: logo/seal.svg, alt: 测试}\n"
        "  small: logo/seal.jpg\n  medium: seal\n  large: logo/woven.png\n"
    )
    (folder / "brand.yml").write_text(text, encoding="utf-8")
    return folder / "brand.yml"


@pytest.mark.e2e
@pytest.mark.render
def test_every_kit_brand_check_passes_builds_both_formats(tmp_path, other_kit):
    for number, kit in enumerate([DEFAULT_BRAND, other_kit, varied_kit(tmp_path / "varied")]):
        checked = check_brand(kit)  # brand check's reading, every file opened
        assert checked.name
        written = build(output=tmp_path / f"out{number}", brand=kit)
        assert sorted(p.suffix for p in written) == [".pdf", ".pptx"]
        assert all(p.stat().st_size > 10_000 for p in written)


# ── Fuzz: brand.yml mutants through brand loading ──────────────────────────

FUZZ_SEED = 14
FUZZ_MUTANTS = 300
HOSTILE = [
    None,
    "",
    " ",
    0,
    -1,
    1e308,
    float("nan"),
    float("inf"),
    True,
    [],
    {},
    ["a", 1],
    {"path": "logo/mark.svg"},
    {"path": "../../../../etc/passwd"},
    "/etc/passwd",
    "../brand.yml",
    "logo/mark.svg",
    "fonts/NotoSansSC-Regular.ttf",
    "fonts",
    "brand.yml",
    "a\x00b",
    "\x1b[31mred",
    "\ufffe",
    "名" * 400,
    "#12",
    "#GGGGGG",
    "rgb(999, 0, 0)",
    "navy",
    "primary",
    "10.5pt",
    "1e309pt",
    "bold",
    "A5",
    "url(#x)",
]


def mutant(data: Any, rng: random.Random) -> Any:
    """The data with one to three places changed: a value replaced, a key dropped or added."""
    data = json.loads(json.dumps(data))
    for _ in range(rng.randint(1, 3)):
        places = list(_places(data, ()))
        where, node = rng.choice(places)
        if isinstance(node, dict) and node and rng.random() < 0.3:
            node.pop(rng.choice(list(node)))
            continue
        if isinstance(node, dict) and rng.random() < 0.2:
            node[rng.choice(["path", "light", "x", "weight", "palette"])] = rng.choice(HOSTILE)
            continue
        if not where:
            continue
        parent = data
        for key in where[:-1]:
            parent = parent[key]
        parent[where[-1]] = (
            rng.choice(HOSTILE)
            if rng.random() < 0.8
            else json.loads(json.dumps(rng.choice(places)[1]))
        )
    return data


def _places(node: Any, where: tuple[Any, ...]) -> Any:
    yield where, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, (*where, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _places(value, (*where, index))


@pytest.mark.e2e
def test_brand_mutants_meet_only_the_projects_own_errors(tmp_path):
    from briefing.yamlfile import Document

    kit = tmp_path / "kit"
    shutil.copytree(ASSETS, kit)
    seed = Document.load(kit / "brand.yml").data()
    rng = random.Random(FUZZ_SEED)
    outcomes = {"loaded": 0, "refused": 0}
    for number in range(FUZZ_MUTANTS):
        data = mutant(seed, rng)
        text = json.dumps(data, ensure_ascii=False, allow_nan=True)
        text = text.replace("NaN", ".nan").replace("Infinity", ".inf")
        if number % 5 == 0:  # now and then damaged as text too
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(["", "\t", ": ", "- ", "&a ", "*a", "{", '"']) + text[at:]
        (kit / "brand.yml").write_text(text, encoding="utf-8")
        try:
            read_brand(kit / "brand.yml", thorough=number % 10 == 0)
            outcomes["loaded"] += 1
        except BriefingError:
            outcomes["refused"] += 1
        except Exception as error:  # anything else is a defect this test exists to find
            pytest.fail(f"mutant {number}: {type(error).__name__}: {error}\n{text[:2000]}")
    assert outcomes["loaded"] > 20 and outcomes["refused"] > 100, outcomes
