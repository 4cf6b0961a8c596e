"""The page views the benchmark measures: every page with its defaults, plus typical views."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class View:
    name: str
    page: str  # the file in pages/
    params: dict[str, str] = field(default_factory=dict)
    admin: bool = False  # signed in as beheerder (data time only; the browser stays signed out)

    @property
    def path(self) -> str:
        """The browser path: the default page is served at /, the others at their file name."""
        stem = self.page.removeprefix("pages/").removesuffix(".py")
        query = "&".join(f"{k}={v}" for k, v in self.params.items())
        return ("/" if stem == "overzicht" else f"/{stem}") + (f"?{query}" if query else "")


HOLLAND_RIJNLAND = {"samenwerking": "HOLLAND-RIJNLAND"}
LEIDEN = {"gemeente": "GM0546"}

VIEWS = (
    View("overzicht", "pages/overzicht.py"),
    View("overzicht · Holland Rijnland", "pages/overzicht.py", HOLLAND_RIJNLAND),
    View("kaart", "pages/kaart.py"),
    View("trajecten", "pages/trajecten.py"),
    View("trajecten · Holland Rijnland", "pages/trajecten.py", HOLLAND_RIJNLAND),
    View("doelen", "pages/doelen.py"),
    View("doelen · Holland Rijnland", "pages/doelen.py", HOLLAND_RIJNLAND),
    View("gemeente", "pages/gemeente.py"),
    View("gemeente · Leiden", "pages/gemeente.py", LEIDEN),
    View("briefing · Leiden", "pages/briefing.py", LEIDEN),
    View("presentatie", "pages/presentatie.py"),
    View("over_de_data", "pages/over_de_data.py"),
    View("beheer (beheerder)", "pages/beheer.py", admin=True),
)
