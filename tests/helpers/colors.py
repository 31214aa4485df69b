"""Colour distance for palette tests: sRGB to CIELAB (D65), CIE76 delta E, and the Machado et
al. (2009) simulation of full deuteranopia and protanopia in linear RGB."""

from __future__ import annotations

import math

Matrix = tuple[tuple[float, float, float], ...]

_TO_XYZ: Matrix = (
    (0.4124, 0.3576, 0.1805),
    (0.2126, 0.7152, 0.0722),
    (0.0193, 0.1192, 0.9505),
)
_WHITE = (0.95047, 1.0, 1.08883)
DEUTERANOPIA: Matrix = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)
PROTANOPIA: Matrix = (
    (0.152286, 1.052583, -0.204868),
    (0.114503, 0.786281, 0.099216),
    (-0.003882, -0.048116, 1.051998),
)


def _linear(hex_color: str) -> list[float]:
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def _times(matrix: Matrix, vector: list[float]) -> list[float]:
    return [sum(row[j] * vector[j] for j in range(3)) for row in matrix]


def lab(hex_color: str, vision: Matrix | None = None) -> tuple[float, float, float]:
    """CIELAB of a ``#rrggbb`` colour, as seen with ``vision`` (a simulation matrix) if given."""
    rgb = _linear(hex_color)
    if vision is not None:
        rgb = [min(max(c, 0.0), 1.0) for c in _times(vision, rgb)]
    x, y, z = (v / w for v, w in zip(_times(_TO_XYZ, rgb), _WHITE, strict=True))

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str, vision: Matrix | None = None) -> float:
    """CIE76 distance between two colours (about 2.3 is the smallest difference people notice)."""
    return math.dist(lab(a, vision), lab(b, vision))
