"""How a list of sources credits its publishers: each once, and none that was not recorded."""

from __future__ import annotations

from collections.abc import Iterable

# A source row whose publisher is unknown says so in words ('Uitgever niet vastgelegd' in the
# sample's cases.toml, 'niet vastgelegd' from the editing form, data_access/editing.py). Those
# words are no publisher: a credit leaves them out, and the source is named by its title.
UNRECORDED_MARK = "niet vastgelegd"
# One row may credit several publishers at once ('CBS, PDOK').
SEPARATOR = ", "


def recorded(publisher: str | None) -> bool:
    """Whether the row names a publisher, rather than saying that none was recorded."""
    return bool(publisher and publisher.strip()) and UNRECORDED_MARK not in publisher.lower()


def credited(publishers: Iterable[str | None]) -> list[str]:
    """The publishers to credit, in order of first mention, each once: 'CBS, PDOK' and 'CBS'
    give CBS and PDOK; an unrecorded publisher gives nothing."""
    names: dict[str, None] = {}
    for publisher in publishers:
        if recorded(publisher):
            names.update(dict.fromkeys(p.strip() for p in publisher.split(SEPARATOR) if p.strip()))
    return list(names)


def entry(title: str, publisher: str | None, published_on: str = "") -> str:
    """'Title (publisher, date)' for a list of sources; the parts that are not known are left
    out, so a source without a recorded publisher or date reads as its title alone."""
    known = [p for p in (publisher if recorded(publisher) else "", published_on) if p]
    return f"{title} ({', '.join(known)})" if known else title
