"""Municipal boundaries: read a CBS/PDOK GeoJSON, check it, and store it in one transaction.

The shapes are never part of the repository; an administrator loads them from a file or from PDOK.
Only WGS84 longitude/latitude is accepted: a file in Rijksdriehoek (EPSG:28992, metres) is refused
with a message that says how to get the right one, rather than converted with a projection library.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from data_access import versions
from data_access.schema import area, area_boundary

# CBS municipality codes: GM plus four digits (GM0014 Groningen, GM9001 Bonaire).
CBS_CODE = re.compile(r"^GM\d{4}$")
# The property CBS and PDOK use for the code in their gebiedsindelingen.
CODE_PROPERTY = "statcode"
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
# A longitude/latitude never exceeds 180 in size; Rijksdriehoek metres run from 0 to 300,000 (x)
# and 300,000 to 625,000 (y), so anything this large is a projected file.
MAX_DEGREES = 180
# CRS names that mean WGS84 longitude/latitude in a GeoJSON `crs` member.
WGS84_NAMES = ("CRS84", "4326")
# Stop listing problems after this many; one broken export usually repeats the same fault.
MAX_PROBLEMS = 20
# Seconds to wait for PDOK before giving up with a message.
PDOK_TIMEOUT_S = 30

RD_ADVICE = (
    "De monitor leest alleen WGS84 (lengte- en breedtegraad, EPSG:4326) en rekent "
    "Rijksdriehoekscoördinaten (EPSG:28992) niet om. Exporteer het bestand opnieuw in EPSG:4326 "
    "(bijvoorbeeld met QGIS of `ogr2ogr -t_srs EPSG:4326`), of haal de grenzen op met --pdok JAAR."
)


class BoundaryError(ValueError):
    """The input cannot be loaded; `problems` are Dutch sentences for the administrator."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Boundary:
    area_code: str
    geometry: dict


def _points(coordinates):
    """Every [x, y] position inside a Polygon or MultiPolygon coordinate array."""
    if (
        isinstance(coordinates, list)
        and len(coordinates) >= 2
        and all(isinstance(c, int | float) for c in coordinates[:2])
    ):
        yield coordinates
        return
    if isinstance(coordinates, list):
        for part in coordinates:
            yield from _points(part)


def _crs_problem(doc: dict, name: str) -> str | None:
    crs = doc.get("crs")
    if not crs:
        return None
    crs_name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
    if "28992" in crs_name:
        return f"{name} gebruikt de projectie Rijksdriehoek (EPSG:28992). {RD_ADVICE}"
    if not any(w in crs_name for w in WGS84_NAMES):
        return f"{name} gebruikt de projectie {crs_name or '(onbekend)'}, niet WGS84. {RD_ADVICE}"
    return None


def _swapped(points: list) -> bool:
    """True when every position reads as (latitude, longitude) of the European Netherlands:
    some WFS servers answer EPSG:4326 in that axis order."""
    return bool(points) and all(50.5 <= p[0] <= 53.8 and 3.2 <= p[1] <= 7.3 for p in points)


def parse(text: str, name: str, known_codes: set[str]) -> list[Boundary]:
    """Check a GeoJSON text and return its boundaries; raise BoundaryError naming every problem
    (file and feature number) when anything is wrong. Nothing is partly accepted."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BoundaryError(
            [f"{name} is geen GeoJSON: de inhoud is geen geldige JSON (regel {exc.lineno})."]
        ) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise BoundaryError(
            [f'{name} is geen GeoJSON FeatureCollection (verwacht: "type": "FeatureCollection").']
        )
    crs = _crs_problem(doc, name)
    if crs:
        raise BoundaryError([crs])
    features = doc.get("features")
    if not isinstance(features, list) or not features:
        raise BoundaryError([f"{name} bevat geen gebieden (de lijst 'features' is leeg)."])

    problems: list[str] = []
    found: list[Boundary] = []
    seen: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        where = f"{name}, object {number}"
        props = (feature or {}).get("properties") if isinstance(feature, dict) else None
        code = (props or {}).get(CODE_PROPERTY)
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(code, str) or not code.strip():
            problems.append(
                f"{where}: geen CBS-code (eigenschap '{CODE_PROPERTY}', zoals GM0014 voor Groningen)."
            )
        elif not CBS_CODE.match(code.strip()):
            problems.append(
                f"{where}: '{code}' is geen CBS-gemeentecode (GM gevolgd door vier cijfers)."
            )
        elif code.strip() not in known_codes:
            problems.append(f"{where}: gemeentecode {code} is onbekend in de database.")
        elif code.strip() in seen:
            problems.append(f"{where}: gemeentecode {code} staat ook al in object {seen[code]}.")
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
            kind = geometry.get("type") if isinstance(geometry, dict) else "geen"
            problems.append(f"{where}: vorm {kind} is geen Polygon of MultiPolygon.")
        elif isinstance(code, str) and code.strip():
            points = list(_points(geometry.get("coordinates")))
            if not points:
                problems.append(f"{where}: de vorm heeft geen coördinaten.")
            elif any(abs(p[0]) > MAX_DEGREES or abs(p[1]) > MAX_DEGREES for p in points):
                raise BoundaryError(
                    [
                        f"{where}: coördinaten in meters (zoals {points[0][0]:.0f}, "
                        f"{points[0][1]:.0f}): dit lijkt Rijksdriehoek (EPSG:28992). {RD_ADVICE}"
                    ]
                )
            seen.setdefault(code.strip(), number)
            found.append(Boundary(code.strip(), geometry))
        if len(problems) >= MAX_PROBLEMS:
            problems.append("Er zijn meer fouten; de eerste staan hierboven.")
            break
    if problems:
        raise BoundaryError(problems)
    all_points = [p for b in found for p in _points(b.geometry["coordinates"])]
    if _swapped(all_points):
        found = [Boundary(b.area_code, _swap_axes(b.geometry)) for b in found]
    return found


def _swap_axes(geometry: dict) -> dict:
    def swap(c):
        if isinstance(c, list) and c and isinstance(c[0], int | float):
            return [c[1], c[0], *c[2:]]
        return [swap(x) for x in c]

    return {"type": geometry["type"], "coordinates": swap(geometry["coordinates"])}


def known_codes(engine: sa.Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(sa.select(area.c.code)).scalars())


def store(engine: sa.Engine, boundaries: list[Boundary], year: int, source: str) -> int:
    """Replace every stored boundary by these, in one transaction; returns how many were stored."""
    now = datetime.now(UTC)
    rows = [
        {
            "area_code": b.area_code,
            "geometry": json.dumps(b.geometry, separators=(",", ":")),
            "year": year,
            "source": source,
            "loaded_at": now,
        }
        for b in boundaries
    ]
    with engine.begin() as conn:
        conn.execute(area_boundary.delete())
        conn.execute(area_boundary.insert(), rows)
        versions.bump(conn)
    return len(rows)


def year_from_name(name: str) -> int | None:
    match = re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", Path(name).name)
    return int(match.group(0)) if match else None


def import_file(engine: sa.Engine, path: Path, year: int | None = None) -> int:
    """Load boundaries from a GeoJSON file; raises BoundaryError with Dutch messages."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BoundaryError([f"Het bestand {name} bestaat niet."]) from None
    except UnicodeDecodeError:
        raise BoundaryError(
            [f"{name} is geen GeoJSON: het is geen tekstbestand (UTF-8)."]
        ) from None
    except OSError as exc:
        raise BoundaryError(
            [f"Het bestand {name} kan niet worden gelezen: {exc.strerror}."]
        ) from None
    boundaries = parse(text, name, known_codes(engine))
    chosen = year or year_from_name(name) or datetime.now(UTC).year
    return store(engine, boundaries, chosen, path.name)


def import_pdok(engine: sa.Engine, year: int, url_template: str) -> int:
    """Fetch PDOK's generalised municipal layer of `year` and load it; a clear Dutch message when
    PDOK cannot be reached (no internet) or answers something else."""
    url = url_template.format(year=year)
    try:
        with urllib.request.urlopen(url, timeout=PDOK_TIMEOUT_S) as response:  # noqa: S310
            text = response.read().decode("utf-8")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise BoundaryError(
            [
                f"PDOK is niet bereikbaar ({url}): {reason}. Is er internet? Zonder internet: "
                "download het GeoJSON-bestand van de CBS-gebiedsindeling elders en laad het met "
                "`python -m data_access import-boundaries BESTAND`."
            ]
        ) from None
    boundaries = parse(text, f"PDOK-antwoord ({url})", known_codes(engine))
    return store(engine, boundaries, year, url)
