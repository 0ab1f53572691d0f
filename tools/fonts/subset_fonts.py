"""Build the bundled Noto Sans SC subsets (Regular, Bold) from the upstream static TTFs."""

from __future__ import annotations

import argparse
import bz2
import hashlib
import shlex
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

KTGH = "kTGH (8,105 list)"

# Unicode blocks kept wholesale (pyftsubset keeps only what the font actually maps).
BLOCKS: list[tuple[int, int, str]] = [
    (0x0020, 0x007E, "Basic Latin (printable ASCII)"),
    (0x00A0, 0x00FF, "Latin-1 Supplement"),
    (0x0100, 0x017F, "Latin Extended-A"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x2070, 0x209F, "Superscripts and Subscripts"),
    (0x20A0, 0x20CF, "Currency Symbols"),
    (0x2100, 0x214F, "Letterlike Symbols"),
    (0x2150, 0x218F, "Number Forms"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x2580, 0x259F, "Block Elements"),
    (0x25A0, 0x25FF, "Geometric Shapes"),
    (0x2600, 0x26FF, "Miscellaneous Symbols"),
    (0x2700, 0x27BF, "Dingbats"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
]

# Unified ideograph blocks: GBK characters outside them (compatibility ideographs, vertical
# forms, units such as U+33A1, pinyin letters) are kept as symbols.
IDEOGRAPH_BLOCKS = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x3FFFF)]

# The exact pyftsubset options (the code points come from --unicodes-file).
# Layout features: those of fontTools' default list that this font has (kerning, vertical
# forms, proportional CJK punctuation). They cost about 100 KB a weight (3 %); dropped are
# aalt, dlig, fwid, hist, hwid, pwid, ruby, which only pull in alternate glyphs.
PYFTSUBSET_OPTIONS = [
    "--layout-features=ccmp,halt,kern,liga,locl,mark,palt,vert,vhal,vkrn,vpal,vrt2",
    "--name-IDs=*",  # every name record: family, subfamily, copyright, licence, trademark
    "--name-languages=*",
    "--notdef-outline",  # a missing glyph shows as a visible box, not as nothing
    "--hinting",  # the font has only 'prep'/'gasp' (no glyph programs): 24 bytes
    "--no-legacy-cmap",  # Unicode cmaps only: format 4 (BMP) + format 12 (full)
]


def read_ktgh(unihan: Path) -> set[int]:
    """Code points that have a kTGH field in Unihan_OtherMappings.txt (plain or .bz2)."""
    opener = bz2.open if unihan.suffix == ".bz2" else open
    cps = set()
    with opener(unihan, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("U+"):
                cp, field, _ = line.split("\t", 2)
                if field == "kTGH":
                    cps.add(int(cp[2:], 16))
    return cps


def double_byte(codec: str, lead: range, trail: range) -> set[int]:
    """Every code point that a 2-byte sequence of `codec` decodes to."""
    cps = set()
    for hi in lead:
        for lo in trail:
            try:
                text = bytes((hi, lo)).decode(codec)
            except UnicodeDecodeError:
                continue
            cps.update(ord(c) for c in text)
    return cps


def gb2312() -> set[int]:
    return double_byte("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))


def gbk_symbols() -> set[int]:
    cps = double_byte("gbk", range(0x81, 0xFF), range(0x40, 0xFF))
    return {c for c in cps if not any(a <= c <= b for a, b in IDEOGRAPH_BLOCKS)}


def wanted(unihan: Path) -> dict[str, set[int]]:
    parts = {KTGH: read_ktgh(unihan), "GB2312": gb2312(), "GBK non-ideographs": gbk_symbols()}
    for a, b, name in BLOCKS:
        parts[name] = set(range(a, b + 1))
    return parts


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--regular", type=Path, required=True, help="NotoSansSC_400Regular.ttf")
    ap.add_argument("--bold", type=Path, required=True, help="NotoSansSC_700Bold.ttf")
    ap.add_argument("--unihan", type=Path, required=True, help="Unihan_OtherMappings.txt[.bz2]")
    ap.add_argument("--out-dir", type=Path, required=True)
    ap.add_argument("--write-unicodes", type=Path, help="also keep the code point list here")
    args = ap.parse_args(argv)

    parts = wanted(args.unihan)
    if len(parts[KTGH]) != 8105:
        print(f"warning: kTGH has {len(parts[KTGH])} entries, not 8105", file=sys.stderr)
    requested = set().union(*parts.values())
    print(f"requested {len(requested):,} code points:")
    for name, cps in parts.items():
        print(f"  {name}: {len(cps):,}")

    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ufile = args.write_unicodes or Path(tmp, "unicodes.txt")
        ufile.write_text("".join(f"U+{c:04X}\n" for c in sorted(requested)), encoding="ascii")
        for src, style in ((args.regular, "Regular"), (args.bold, "Bold")):
            cmap = TTFont(src, lazy=True).getBestCmap()
            for name in (KTGH, "GB2312"):
                missing = sorted(parts[name] - cmap.keys())
                if missing:
                    listed = " ".join(f"U+{c:04X}" for c in missing[:50])
                    print(f"{src.name}: {len(missing)} of {name} missing:", listed, file=sys.stderr)
            out = args.out_dir / f"NotoSansSC-{style}.ttf"
            cmd = [str(src), f"--unicodes-file={ufile}", f"--output-file={out}"]
            cmd += PYFTSUBSET_OPTIONS
            print("pyftsubset " + shlex.join(cmd))
            subset.main(cmd)
            kept = len(TTFont(out, lazy=True).getBestCmap())
            print(f"  {out}: {out.stat().st_size:,} bytes, {kept:,} code points")
            print(f"  sha256 {sha256(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
