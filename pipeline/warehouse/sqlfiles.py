"""The SQL models in sql/: DDL, marts and analytics, each file one DuckDB object.

A model file names the objects it reads in a first-line header (`-- depends: a.b, c.d`); the
Dagster asset graph and the run order are both derived from those headers, so adding a view is
adding a file.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"
LAYERS = ("marts", "analytics")
_DEPENDS = re.compile(r"^--\s*depends:\s*(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Model:
    schema: str  # 'marts' | 'analytics'
    name: str  # file stem = table/view name
    path: Path
    depends: tuple[str, ...]  # 'schema.name' of what it reads

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


@cache
def models() -> tuple[Model, ...]:
    """Every marts/analytics model, in an order where each comes after what it reads."""
    found: dict[str, Model] = {}
    for layer in LAYERS:
        for path in sorted((SQL_DIR / layer).glob("*.sql")):
            m = _DEPENDS.search(path.read_text(encoding="utf-8"))
            deps = tuple(d.strip() for d in m.group(1).split(",") if d.strip()) if m else ()
            model = Model(layer, path.stem, path, deps)
            found[model.key] = model
    order = TopologicalSorter({k: [d for d in m.depends if d in found] for k, m in found.items()})
    return tuple(found[k] for k in order.static_order())


@cache
def ddl_version() -> str:
    """Hash of the raw and staging table definitions: a work file made with others is rebuilt."""
    from pipeline.warehouse.schema import ddl

    h = hashlib.sha256(ddl().encode())
    for path in sorted((SQL_DIR / "ddl").glob("*.sql")):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def apply_ddl(con: duckdb.DuckDBPyConnection) -> None:
    """Create raw and staging tables if missing (idempotent): the tables the build writes, from
    pipeline.warehouse.schema, then the rest from sql/ddl."""
    from pipeline.warehouse.schema import ddl

    con.execute(ddl())
    for path in sorted((SQL_DIR / "ddl").glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))


def run_model(con: duckdb.DuckDBPyConnection, model: Model) -> None:
    con.execute(model.sql)


def run_models(con: duckdb.DuckDBPyConnection, schema: str | None = None) -> None:
    """(Re)build every model of a layer (or all) from staging, in dependency order."""
    for model in models():
        if schema is None or model.schema == schema:
            run_model(con, model)
