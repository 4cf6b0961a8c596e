"""WCAG 2.1 contrast: relative luminance, contrast ratio and the text colour that reads on a fill."""

from __future__ import annotations

# WCAG 2.1 AA: normal text 4.5:1; large text (18pt, or 14pt bold) and graphical objects 3:1.
NORMAL_TEXT = 4.5
LARGE_TEXT = 3.0
GRAPHICAL = 3.0


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def parse(colour: str) -> tuple[int, int, int]:
    """'#0072B2', '#fff' or 'rgb(0, 114, 178)' -> (0, 114, 178)."""
    text = colour.strip().lower()
    if text.startswith("rgb"):
        parts = text[text.index("(") + 1 : text.index(")")].split(",")
        return tuple(int(float(p)) for p in parts[:3])  # type: ignore[return-value]
    h = text.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminance(colour: str) -> float:
    r, g, b = (_channel(v) for v in parse(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str) -> float:
    """The contrast ratio, 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(colour: str, background: str, alpha: float) -> str:
    """`colour` drawn at opacity `alpha` on an opaque `background`, as '#rrggbb'."""
    mixed = (
        round(alpha * c + (1 - alpha) * b)
        for c, b in zip(parse(colour), parse(background), strict=True)
    )
    return "#" + "".join(f"{v:02x}" for v in mixed)


def text_on(fill: str, dark: str = "#000000", light: str = "#ffffff") -> str:
    """The text colour (dark or light) with the higher contrast on `fill`: labels inside bars."""
    return dark if ratio(dark, fill) >= ratio(light, fill) else light
