"""Command line: `python -m data_access <command>` for migrations, sample data and status."""

from __future__ import annotations

import argparse
import sys
import time

from data_access import migrate
from data_access.engine import make_engine
from data_access.settings import load_settings


def _engine(args):
    # An operator's command may run long (a migration, an import or a rebuild on millions of
    # rows); the statement timeout guards pages, not these.
    url = args.database_url or load_settings().database_url
    return make_engine(url, statement_timeout_ms=None)


def cmd_migrate(args) -> int:
    engine = _engine(args)
    migrate.upgrade(engine, args.revision)
    print(f"Database bijgewerkt tot versie {migrate.current_revision(engine)}.")
    if args.revision == "head":
        _ensure_stats(engine)
    return 0


def _ensure_stats(engine) -> None:
    from data_access import stats

    months = load_settings().lasting_months
    started = time.perf_counter()
    if stats.ensure(engine, months):
        print(
            f"Tellingen opgebouwd (duurzaam na {months} maanden) "
            f"in {time.perf_counter() - started:.1f} s."
        )


def cmd_rebuild_stats(args) -> int:
    from data_access import stats

    engine = _engine(args)
    migrate.upgrade(engine)
    months = load_settings().lasting_months
    started = time.perf_counter()
    with engine.begin() as conn:
        stats.rebuild(conn, months)
    print(
        f"Tellingen opnieuw opgebouwd (duurzaam na {months} maanden) "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return 0


def cmd_seed(args) -> int:
    from data_access import sample
    from data_access.bootstrap import is_empty

    engine = _engine(args)
    migrate.upgrade(engine)
    if not is_empty(engine):
        print("De database bevat al gegevens; seed vult alleen een lege database.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    counts = sample.seed(engine, seed=args.seed, lasting_months=load_settings().lasting_months)
    for table, n in counts.items():
        print(f"{table}: {n}")
    print(f"Voorbeelddata geladen in {time.perf_counter() - started:.1f} s.")
    return 0


def cmd_generate(args) -> int:
    from data_access import sample

    engine = _engine(args)
    migrate.upgrade(engine)
    started = time.perf_counter()
    try:
        n = sample.generate(engine, trajectories=args.trajectories, seed=args.seed)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    _ensure_stats(engine)
    print(f"{n} fictieve trajecten toegevoegd in {time.perf_counter() - started:.1f} s.")
    return 0


def _cli_user():
    import getpass

    from domain.roles import ADMIN, User

    # Whoever can run this command can reach the database directly: the CLI acts as an admin,
    # and the log names the operating-system account it ran under.
    return User(f"{getpass.getuser()} (opdrachtregel)", ADMIN)


def cmd_import_trajectories(args) -> int:
    from pathlib import Path

    import sqlalchemy as sa

    from data_access import imports
    from domain.roles import NotAllowed

    path = Path(args.file)
    if not path.is_file():
        print(f"{path}: bestand niet gevonden.", file=sys.stderr)
        return 2
    engine = _engine(args)
    migrate.upgrade(engine)
    progress = _terminal_progress() if sys.stderr.isatty() else imports.no_progress
    try:
        result = imports.import_trajectories(
            engine,
            path.name,
            path.read_bytes(),
            _cli_user(),
            programme_code=args.programme,
            progress=progress,
        )
    except NotAllowed as exc:
        print(f"{path.name}: {exc}", file=sys.stderr)
        return 1
    except sa.exc.SQLAlchemyError as exc:
        # The transaction was rolled back: nothing of the file is stored.
        print(
            f"{path.name}: de database weigerde het schrijven ({type(exc).__name__}); "
            "er is niets opgeslagen.",
            file=sys.stderr,
        )
        return 1
    finally:
        if progress is not imports.no_progress:
            print(file=sys.stderr)
    if result.status == "geweigerd":
        print(f"{path.name}: geweigerd, er is niets opgeslagen.", file=sys.stderr)
        for p in result.problems:
            where = ", ".join(
                part
                for part in (
                    f"rij {p.row}" if p.row else "",
                    f"kolom {p.column}" if p.column else "",
                )
                if part
            )
            print(f"  {where + ': ' if where else ''}{p.message}", file=sys.stderr)
        return 1
    if result.status == "ongewijzigd":
        print(f"{path.name}: niets gewijzigd ({result.unchanged} rijen waren al zo ingelezen).")
        return 0
    print(
        f"{path.name}: ingelezen als import {result.import_id}: {result.new} nieuw, "
        f"{result.changed} gewijzigd, {result.unchanged} ongewijzigd."
    )
    return 0


def _terminal_progress():
    """Progress on one line of the terminal: stage and rows, rewritten in place."""
    from domain.formatting import fmt_int
    from domain.texts import t

    def show(stage: str, done: int, total: int) -> None:
        if total:
            text = t("voortgang.stap", stap=t(f"voortgang.{stage}"), klaar=fmt_int(done),
                     totaal=fmt_int(total))  # fmt: skip
        else:
            text = t("voortgang.stap_zonder_aantal", stap=t(f"voortgang.{stage}"))
        print(f"\r\033[K{text}", end="", file=sys.stderr, flush=True)

    return show


def cmd_undo_import(args) -> int:
    from data_access import imports

    try:
        n = imports.undo_import(_engine(args), args.import_id, _cli_user())
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Import {args.import_id} teruggedraaid ({n} trajecten hersteld of verwijderd).")
    return 0


def cmd_load_public(args) -> int:
    from data_access import public_data
    from data_access.bootstrap import is_empty

    engine = _engine(args)
    migrate.upgrade(engine)
    if is_empty(engine):
        print(
            "De database heeft nog geen gemeenten: vul hem eerst (seed, of de eigen gegevens).",
            file=sys.stderr,
        )
        return 1
    started = time.perf_counter()
    with engine.begin() as conn:
        counts = public_data.load(conn)
    for kind, n in counts.items():
        print(f"{kind}: {n}")
    print(f"Publieke gegevens (CBS, PDOK) geladen in {time.perf_counter() - started:.1f} s.")
    return 0


def cmd_create_admin(args) -> int:
    import getpass
    import os

    from data_access import accounts

    engine = _engine(args)
    migrate.upgrade(engine)
    password = os.environ.get("MONITOR_ADMIN_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            print(
                "Zet MONITOR_ADMIN_PASSWORD of start de opdracht in een terminal.", file=sys.stderr
            )
            return 2
        password = getpass.getpass("Wachtwoord: ")
    try:
        accounts.create_user(engine, args.username, "admin", password, None, bootstrap=True)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Beheerder '{args.username}' aangemaakt.")
    return 0


def cmd_import_boundaries(args) -> int:
    from pathlib import Path

    from data_access import boundaries

    engine = _engine(args)
    migrate.upgrade(engine)
    if (args.file is None) == (args.pdok is None):
        print("Geef óf een GeoJSON-bestand óf --pdok JAAR.", file=sys.stderr)
        return 2
    try:
        if args.pdok is not None:
            url = load_settings().pdok_boundaries_url
            n = boundaries.import_pdok(engine, args.pdok, url)
        else:
            n = boundaries.import_file(engine, Path(args.file), args.year)
    except boundaries.BoundaryError as exc:
        print("Grenzen niet geladen; er is niets gewijzigd.", file=sys.stderr)
        for problem in exc.problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    print(f"{n} gemeentegrenzen geladen (eerdere grenzen vervangen). Bron: CBS, PDOK.")
    return 0


def cmd_import_cbs(args) -> int:
    from pathlib import Path

    from data_access import cbs_import

    if (args.table is None) == (args.csv is None):
        print(
            "Geef óf een CBS-tabelnummer (bijvoorbeeld 85984NED) óf --csv BESTAND.", file=sys.stderr
        )
        return 2
    if args.csv is not None and not args.bron:
        print(
            'Geef bij --csv ook de bron: --bron "Kerncijfers wijken en buurten 2025".',
            file=sys.stderr,
        )
        return 2
    engine = _engine(args)
    migrate.upgrade(engine)
    user = _cli_user().username
    try:
        if args.csv is not None:
            result = cbs_import.import_csv(
                engine, Path(args.csv), args.bron, args.jaar, user, table_id=args.tabel
            )
        else:
            result = cbs_import.import_table(engine, args.table, args.jaar, user)
    except cbs_import.CbsImportError as exc:
        print("CBS-cijfers niet ingelezen; er is niets gewijzigd.", file=sys.stderr)
        for problem in exc.problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    years = ", ".join(str(y) for y in result.years)
    what = f"{result.label} ({result.source_title}), {years}"
    if not result.changed_anything:
        print(f"{what}: niets gewijzigd ({result.unchanged} cijfers waren al zo ingelezen).")
        return 0
    print(
        f"{what}: {result.new} nieuw, {result.changed} gewijzigd, {result.unchanged} ongewijzigd "
        "(in het auditlog). Bron: CBS, licentie CC BY 4.0."
    )
    return 0


def cmd_status(args) -> int:
    from data_access import queries

    engine = _engine(args)
    print(
        f"Schemaversie: {migrate.current_revision(engine)} (nieuwste: {migrate.head_revision(engine)})"
    )
    totals = queries.trajectory_total(engine)
    print(f"Trajecten: {totals['total']} (waarvan fictief: {totals['fictional']})")
    print(f"Samenwerkingen: {len(queries.partnerships(engine))}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m data_access",
        description="Beheer van de database van de Samenwerkingsmonitor.",
    )
    parser.add_argument(
        "--database-url", help="database (standaard: DATABASE_URL of het ingebouwde SQLite-bestand)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("migrate", help="breng het databaseschema naar de nieuwste versie")
    p.add_argument("--revision", default="head")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("seed", help="vul een lege database met de voorbeelddata")
    p.add_argument(
        "--seed", type=int, default=None, help="toevalsgetal (standaard uit sample_data)"
    )
    p.set_defaults(func=cmd_seed)

    p = sub.add_parser("generate", help="voeg een grote fictieve set trajecten toe (benchmarks)")
    p.add_argument("--trajectories", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser(
        "import-trajectories", help="lees een trajectbestand in (CSV of XLSX), alles of niets"
    )
    p.add_argument("file")
    p.add_argument("--programme", help="programmacode (als het bestand geen kolom programma heeft)")
    p.set_defaults(func=cmd_import_trajectories)

    p = sub.add_parser("undo-import", help="draai een import als geheel terug")
    p.add_argument("import_id", type=int)
    p.set_defaults(func=cmd_undo_import)

    p = sub.add_parser(
        "load-public",
        help="laad de publieke laag uit sample_data: grenzen, arbeidsmarktregio's, CBS-cijfers",
    )
    p.set_defaults(func=cmd_load_public)

    p = sub.add_parser("create-admin", help="maak een beheerder aan (wachtwoord via prompt of env)")
    p.add_argument("username")
    p.set_defaults(func=cmd_create_admin)

    p = sub.add_parser(
        "import-boundaries",
        help="laad gemeentegrenzen (GeoJSON in WGS84 met CBS-codes) uit een bestand of van PDOK",
    )
    p.add_argument("file", nargs="?", help="GeoJSON-bestand, bijvoorbeeld gemeenten_2025.geojson")
    p.add_argument("--pdok", type=int, metavar="JAAR", help="haal de grenzen van dit jaar bij PDOK")
    p.add_argument("--year", type=int, help="jaar van de indeling (standaard: uit de bestandsnaam)")
    p.set_defaults(func=cmd_import_boundaries)

    p = sub.add_parser(
        "import-cbs",
        help="lees CBS-cijfers per gemeente in: een StatLine-tabel (internet) of een CSV (offline)",
    )
    p.add_argument(
        "table", nargs="?", metavar="TABEL", help="StatLine-tabel, bijvoorbeeld 85984NED"
    )
    p.add_argument("--jaar", type=int, help="alleen dit jaar (standaard: het jaar van de tabel)")
    p.add_argument(
        "--csv", metavar="BESTAND", help="CSV in de kolommen van cbs_context_gemeenten.csv"
    )
    p.add_argument("--bron", help="titel van de bron bij --csv, bijvoorbeeld de CBS-tabeltitel")
    p.add_argument("--tabel", help="CBS-tabelnummer bij --csv (voor de link naar StatLine)")
    p.set_defaults(func=cmd_import_cbs)

    p = sub.add_parser(
        "rebuild-stats",
        help="bouw de tellingen (aggregaten) opnieuw op uit de trajecten, bijvoorbeeld na een "
        "andere LASTING_MONTHS",
    )
    p.set_defaults(func=cmd_rebuild_stats)

    p = sub.add_parser("status", help="toon schemaversie en aantallen")
    p.set_defaults(func=cmd_status)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
