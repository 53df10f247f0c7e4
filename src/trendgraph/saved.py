"""Saved queries: ``queries/*.rq`` with grlc-style ``#+`` YAML decorators.

A saved query is plain SPARQL whose parameters are variables named the grlc/BASIL way:
``?_name_type`` is required, ``?__name_type`` optional, where *name* is letters and
digits and *type* is ``iri``, ``literal``, ``string``, ``integer``, ``decimal``,
``boolean`` or a language tag (``nl``, ``en``). The same file runs unchanged in grlc
and TriplyDB. Here a parameter value is validated and converted to a typed RDF term
and *bound* to its variable (pyoxigraph substitutions, SEP-0007): the query text sent
to the engine is always the file's text, so no value can change the query's shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import yaml

from .querytext import query_form, with_values
from .store import Engine, Result, Term

ID_BASE = "https://w3id.org/trendgraph/id/"
TG = "https://w3id.org/trendgraph/def#"
XSD = "http://www.w3.org/2001/XMLSchema#"
_PARAM = re.compile(r"\?(__?)([A-Za-z][A-Za-z0-9]*)_([A-Za-z][A-Za-z0-9-]*)\b")
_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|^`\\]*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_RELATIVE = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9.-]*)+$")
_DECORATORS = ("summary", "description", "tags", "defaults", "enumerate", "pagination",
               "method", "endpoint", "endpoint_in_url", "transform")


class SavedQueryError(Exception):
    """A saved query file is malformed (bad decorators, unknown decorator)."""


class ParameterError(ValueError):
    """A parameter value is missing, unknown or not of the parameter's type."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str  # iri, literal, string, integer, decimal, boolean, or a language tag
    required: bool
    variable: str  # the SPARQL variable without '?'
    default: str | None = None
    enum: tuple[str, ...] = ()
    description: str = ""

    @property
    def kind(self) -> str:
        """The JSON-schema type of the parameter for OpenAPI."""
        return {"integer": "integer", "decimal": "number", "boolean": "boolean"}.get(self.type,
                                                                                     "string")

    def to_term(self, value: str) -> Term:
        """Validate ``value`` and turn it into the typed RDF term the query expects."""
        t = self.type
        if t == "iri":
            iri = self._iri(value)
            try:
                return ox.NamedNode(iri)
            except ValueError as exc:
                raise ParameterError(f"parameter '{self.name}': {exc}") from None
        if t == "integer":
            if not re.fullmatch(r"[+-]?\d{1,18}", value.strip()):
                raise ParameterError(f"parameter '{self.name}' must be an integer, got {value!r}")
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
        if t == "decimal":
            if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", value.strip()):
                raise ParameterError(f"parameter '{self.name}' must be a decimal, got {value!r}")
            return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + "decimal"))
        if t == "boolean":
            if value.lower() not in ("true", "false"):
                raise ParameterError(f"parameter '{self.name}' must be true or false")
            return ox.Literal(value.lower(), datatype=ox.NamedNode(XSD + "boolean"))
        if t in ("literal", "string"):
            return ox.Literal(value)
        return ox.Literal(value, language=t)  # a language tag

    def _iri(self, value: str) -> str:
        value = value.strip()
        short = self._shorthand(value)
        if short:
            value = short
        if not _IRI.match(value) or not value.startswith(("http://", "https://", "urn:")):
            raise ParameterError(
                f"parameter '{self.name}' must be an IRI (http/https) or a known short name, "
                f"got {value!r}")
        return value

    def _shorthand(self, value: str) -> str | None:
        """Slugs for domains (``wonen``) and class names (``Trend``, ``tg:Trend``)."""
        if value.startswith("tg:") and value[3:].isalnum():
            return TG + value[3:]
        if self.name.startswith("domein") and _SLUG.match(value):
            return ID_BASE + "domein/" + value
        if self.name in ("type", "klasse") and value.isalpha():
            return TG + value[0].upper() + value[1:]
        if self.name == "gemeente" and _SLUG.match(value):
            return ID_BASE + "gemeente/" + value
        if self.name == "rapport" and _SLUG.match(value):
            return ID_BASE + value
        if self.name == "onderwerp" and re.fullmatch(r"[A-Ta-t]", value):
            return ID_BASE + "trendweb-2025/sectie/" + value.lower()
        if _RELATIVE.match(value):  # e.g. platform31-2025/trend/h8-woningtekort
            return ID_BASE + value
        return None


@dataclass
class SavedQuery:
    name: str
    path: Path
    text: str
    summary: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    method: str = "GET"
    pagination: int | None = None
    parameters: list[Parameter] = field(default_factory=list)

    @property
    def form(self) -> str:
        """select, construct, ask or describe: the query form, for output formats."""
        return query_form(self.text) or "select"

    def bindings(self, values: dict[str, str]) -> dict[str, Term]:
        """Typed terms for the given values (defaults filled in); raise on bad input."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ParameterError(
                f"unknown parameter(s) {', '.join(unknown)} for query '{self.name}'; "
                f"it takes: {', '.join(known) or 'none'}")
        out: dict[str, Term] = {}
        for p in self.parameters:
            value = values.get(p.name)
            if value is None or value == "":
                if p.required and p.default is None:
                    raise ParameterError(f"query '{self.name}' needs parameter '{p.name}'")
                if p.default is None:
                    continue
                value = p.default
            if p.enum and value not in p.enum and not p.type == "iri":
                raise ParameterError(
                    f"parameter '{p.name}' must be one of {', '.join(p.enum)}, got {value!r}")
            out[p.variable] = p.to_term(value)
        return out

    def prepare(self, values: dict[str, str]) -> str:
        """The query text with the validated values bound in a VALUES block."""
        return with_values(self.text, self.bindings(values))

    def run(self, engine: Engine, values: dict[str, str], limit: int | None = None) -> Result:
        return engine.query(self.prepare(values), limit=limit)


def parse_decorators(text: str, name: str) -> dict:
    lines = [l[2:] for l in text.splitlines() if l.startswith("#+")]
    if not lines:
        return {}
    try:
        data = yaml.safe_load("\n".join(line[1:] if line.startswith(" ") else line
                                        for line in lines)) or {}
    except yaml.YAMLError as exc:
        raise SavedQueryError(f"queries/{name}.rq: bad #+ decorators: {exc}") from exc
    if not isinstance(data, dict):
        raise SavedQueryError(f"queries/{name}.rq: #+ decorators must be a YAML mapping")
    unknown = set(data) - set(_DECORATORS)
    if unknown:
        raise SavedQueryError(f"queries/{name}.rq: unknown decorator(s) {sorted(unknown)}")
    return data


def _as_mapping(items) -> dict[str, object]:
    """grlc writes defaults/enumerate as a list of one-key mappings; accept a mapping too."""
    if isinstance(items, dict):
        return items
    out: dict[str, object] = {}
    for entry in items or []:
        if isinstance(entry, dict):
            out.update(entry)
        else:
            out[str(entry)] = None
    return out


def parse_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    name = path.stem
    deco = parse_decorators(text, name)
    defaults = _as_mapping(deco.get("defaults"))
    enums = _as_mapping(deco.get("enumerate"))
    descriptions = {}
    # "#  ?_name_type: what it means" comment lines document parameters
    for m in re.finditer(r"(?m)^#\s*\?(__?[A-Za-z0-9]+_[A-Za-z0-9-]+)\s*:\s*(.+)$", text):
        descriptions[m.group(1)] = m.group(2).strip()
    params: dict[str, Parameter] = {}
    body = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("#"))
    for m in _PARAM.finditer(body):
        under, pname, ptype = m.groups()
        variable = f"{under}{pname}_{ptype}"
        if pname in params:
            continue
        default = defaults.get(pname)
        enum = enums.get(pname) or ()
        params[pname] = Parameter(
            name=pname, type=ptype, required=(under == "_"), variable=variable,
            default=None if default is None else str(default),
            enum=tuple(str(e) for e in enum) if isinstance(enum, list) else (),
            description=descriptions.get(variable, ""),
        )
    pagination = deco.get("pagination")
    return SavedQuery(
        name=name, path=path, text=text,
        summary=str(deco.get("summary", "")).strip(),
        description=str(deco.get("description", "")).strip(),
        tags=[str(t) for t in deco.get("tags", []) or []],
        method=str(deco.get("method", "GET")).upper(),
        pagination=int(pagination) if pagination else None,
        parameters=list(params.values()),
    )


def load_saved(directory: Path) -> dict[str, SavedQuery]:
    if not directory.is_dir():
        raise SavedQueryError(f"no queries directory at {directory}")
    return {p.stem: parse_query(p) for p in sorted(directory.glob("*.rq"))}
