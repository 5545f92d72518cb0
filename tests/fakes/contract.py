"""Validate HTTP requests and responses against an OpenAPI 3.1 document (JSON Schema 2020-12).

One adjustment, and why: protoc-gen-openapi writes proto `oneof`s as
`{"allOf"/"oneOf": [...], "additionalProperties": false}` with no sibling `properties`. Under
JSON Schema that `additionalProperties: false` forbids *every* property (it only sees sibling
`properties`), so the contract would reject its own examples (a Plan.Spec with `id` and
`changeDatabaseConfig`). What the generator means is `unevaluatedProperties: false` (no
property beyond those the subschemas define), which is what is checked here.
Besides the schemas: a request may not send `readOnly` fields, a response may not carry
`writeOnly` ones, `format: byte` must be base64, and query parameters must be declared.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = "urn:contract"


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    operation_id: str
    path_params: dict[str, str]
    spec: dict[str, Any]


def _flag(keyword: str) -> Any:
    def check(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
        if value:
            yield ValidationError(f"a {keyword} field must not be sent here")

    return check


_RequestValidator = validators.extend(Draft202012Validator, {"readOnly": _flag("readOnly")})
_ResponseValidator = validators.extend(Draft202012Validator, {"writeOnly": _flag("writeOnly")})
_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("byte", raises=(binascii.Error, ValueError))
def _is_base64(value: object) -> bool:
    if not isinstance(value, str):
        return True
    base64.b64decode(value, validate=True)
    return True


@_FORMATS.checks("int64")
def _is_int64(value: object) -> bool:
    return not isinstance(value, str) or re.fullmatch(r"-?\d+", value) is not None


def _normalise(node: Any) -> Any:
    if isinstance(node, dict):
        node = {key: _normalise(value) for key, value in node.items()}
        if (
            node.get("additionalProperties") is False
            and "properties" not in node
            and ("allOf" in node or "oneOf" in node)
        ):
            del node["additionalProperties"]
            node["unevaluatedProperties"] = False
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            node["$ref"] = ROOT + ref
        return node
    if isinstance(node, list):
        return [_normalise(item) for item in node]
    return node


class Contract:
    def __init__(self, document_path: Path) -> None:
        self.document = _normalise(json.loads(document_path.read_text(encoding="utf-8")))
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(ROOT, resource)
        self._routes: list[tuple[re.Pattern[str], str, str, dict[str, Any]]] = []
        for template, item in self.document["paths"].items():
            pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/:]+)", re.escape(template))
            for method, spec in item.items():
                if isinstance(spec, dict) and "operationId" in spec:
                    compiled = re.compile(f"^{pattern}$")
                    self._routes.append((compiled, method.upper(), template, spec))

    def operation(self, method: str, path: str) -> Operation | None:
        for pattern, route_method, template, spec in self._routes:
            match = pattern.match(path)
            if match and route_method == method:
                return Operation(method, template, spec["operationId"], match.groupdict(), spec)
        return None

    def request_problems(
        self, operation: Operation, query: Mapping[str, list[str]], body: Any
    ) -> list[str]:
        declared = {p["name"] for p in operation.spec.get("parameters", []) if p["in"] == "query"}
        problems = [
            f"undeclared query parameter '{name}'" for name in query if name not in declared
        ]
        request_body = operation.spec.get("requestBody")
        if request_body is None:
            if body is not None:
                problems.append("a body was sent to an operation that takes none")
            return problems
        if body is None:
            if request_body.get("required"):
                problems.append("the request body is required")
            return problems
        schema = request_body["content"]["application/json"]["schema"]
        return problems + self._problems(_RequestValidator, schema, body, "request")

    def response_problems(self, operation: Operation, status: int, body: Any) -> list[str]:
        response = operation.spec["responses"].get(str(status))
        if response is None:
            return []  # errors: the gateway's google.rpc.Status, not in this subset
        schema = response["content"]["application/json"]["schema"]
        return self._problems(_ResponseValidator, schema, body, "response")

    def _problems(self, cls: Any, schema: Any, instance: Any, what: str) -> list[str]:
        validator = cls(schema, registry=self._registry, format_checker=_FORMATS)
        return [
            f"{what} {'/'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message}"
            for error in validator.iter_errors(instance)
        ]
