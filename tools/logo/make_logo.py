"""Draw the default brand's mark from one geometry, as SVG and as PNG."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[2] / "assets" / "logo"
VIEW = 120  # the SVG's user units; the mark is a rounded square of this size
RADIUS = 24
BASELINE = 92
BARS = ((26, 18, 28), (51, 18, 44), (76, 18, 62))  # x, width, height of three rising bars
VARIANTS = {
    # name: (square, bar colours, baseline colour)
    "mark": ("#12355B", ("#2BB3A3", "#FFFFFF", "#E8A93A"), "#FFFFFF"),
    "mark-on-dark": ("#FFFFFF", ("#168F84", "#12355B", "#D9962B"), "#12355B"),
}


def svg(square: str, bars: tuple[str, ...], base: str) -> str:
    """The mark as an SVG document."""
    shapes = [f'<rect width="{VIEW}" height="{VIEW}" rx="{RADIUS}" fill="{square}"/>']
    for (x, width, height), colour in zip(BARS, bars, strict=True):
        y = BASELINE - height
        shapes.append(
            f'<rect x="{x}" y="{y}" width="{width}" height="{height}" rx="3" fill="{colour}"/>'
        )
    shapes.append(f'<rect x="20" y="{BASELINE + 4}" width="80" height="4" rx="2" fill="{base}"/>')
    body = "\n  ".join(shapes)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEW} {VIEW}" '
        f'width="{VIEW}" height="{VIEW}" role="img" aria-label="创新简报标志">\n  {body}\n</svg>\n'
    )


def png(square: str, bars: tuple[str, ...], base: str, size: int = 512) -> Image.Image:
    """The same mark drawn at 4× and scaled down, for smooth edges."""
    scale = size * 4 / VIEW
    image = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def box(x: float, y: float, w: float, h: float, r: float, fill: str) -> None:
        draw.rounded_rectangle(
            [x * scale, y * scale, (x + w) * scale, (y + h) * scale], r * scale, fill=fill
        )

    box(0, 0, VIEW, VIEW, RADIUS, square)
    for (x, width, height), colour in zip(BARS, bars, strict=True):
        box(x, BASELINE - height, width, height, 3, colour)
    box(20, BASELINE + 4, 80, 4, 2, base)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    """Write assets/logo/<variant>.svg and .png."""
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (square, bars, base) in VARIANTS.items():
        (OUT / f"{name}.svg").write_text(svg(square, bars, base), encoding="utf-8")
        png(square, bars, base).save(OUT / f"{name}.png", optimize=True)
        print(f"wrote {OUT / name}.svg and .png")


if __name__ == "__main__":
    main()
