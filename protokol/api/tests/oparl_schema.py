"""Validation of OParl objects against the standard's schema files, embedded objects included."""

import json
from datetime import date, datetime
from functools import cache
from urllib.parse import urlparse

import jsonschema

from protokol.common.testing import SHARED_DIR

SCHEMA_DIR = SHARED_DIR / "oparl-1.1" / "schema"
TYPE_PREFIX = "https://schema.oparl.org/1.1/"

formats = jsonschema.FormatChecker(formats=())


@formats.checks("url", raises=ValueError)
def _url(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError(f"not an absolute http(s) URL: {value!r}")
    return True


@formats.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if isinstance(value, str) and datetime.fromisoformat(value).tzinfo is None:
        raise ValueError(f"date-time without offset: {value!r}")
    return True


@formats.checks("date", raises=ValueError)
def _date(value: object) -> bool:
    if isinstance(value, str):
        date.fromisoformat(value)
    return True


@cache
def schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def schema_for(obj: dict) -> str:
    t = obj.get("type", "")
    if not t.startswith(TYPE_PREFIX):
        raise ValueError(f"unknown type {t!r}")
    return t[len(TYPE_PREFIX) :] + ".json"


def errors(obj: dict, name: str | None = None, where: str = "") -> list[str]:
    """Every schema error of `obj` and of the objects embedded in it."""
    name = name or schema_for(obj)
    s = schema(name)
    found = [
        f"{where or obj.get('id')}: {name}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in jsonschema.Draft7Validator(s, format_checker=formats).iter_errors(obj)
    ]
    for key, prop in s.get("properties", {}).items():
        value = obj.get(key)
        if value is None:
            continue
        if prop.get("type") == "object" and "schema" in prop:
            found += errors(value, prop["schema"], f"{obj.get('id')}#{key}")
        items = prop.get("items") or {}
        if prop.get("type") == "array" and items.get("type") == "object" and "schema" in items:
            for n, sub in enumerate(value):
                found += errors(sub, items["schema"], f"{obj.get('id')}#{key}[{n}]")
    return found
