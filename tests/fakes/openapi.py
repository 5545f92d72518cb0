"""Requests and responses checked against an OpenAPI 3.0 document, read where it lies.

The operation is found by matching the request path against the document's path templates;
path and query parameters are checked against their declared schemas, the JSON body against
the request body schema, and the fake's own answers against the response schema, all with
`$ref`s resolved inside the document (by JSON pointer, so nested references resolve as the
document means them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_URI = "urn:dbops-test:openapi"
# Pagination, filtering and partial responses apply to every collection (narrative.md
# "Pagination", "Filtering", "Partial responses") without each operation declaring them.
GENERIC_QUERY = frozenset({"page", "pagelen", "q", "sort", "fields"})


class ContractViolation(Exception):
    """A request or response that the OpenAPI document does not allow."""


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    pointer: str  # JSON pointer of the operation object in the document
    spec: Mapping[str, Any]
    parameters: tuple[Mapping[str, Any], ...]

    @property
    def scopes(self) -> tuple[str, ...]:
        for requirement in self.spec.get("security", ()):
            if "oauth2" in requirement:
                return tuple(requirement["oauth2"])
        return ()


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


class OpenApiContract:
    def __init__(self, document_path: Path) -> None:
        self.document = json.loads(document_path.read_text(encoding="utf-8"))
        self.registry: Registry[Any] = Registry().with_resource(
            SPEC_URI, Resource.from_contents(self.document, default_specification=DRAFT4)
        )
        self._routes: list[tuple[re.Pattern[str], str]] = []
        for template in self.document["paths"]:
            pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
            self._routes.append((re.compile(f"^{pattern}$"), template))
        self._validators: dict[str, Draft4Validator] = {}

    def operation(self, method: str, path: str) -> tuple[Operation, dict[str, str]]:
        for pattern, template in self._routes:
            match = pattern.match(path)
            if match is None:
                continue
            item = self.document["paths"][template]
            spec = item.get(method.lower())
            if spec is None:
                raise ContractViolation(f"{method} is not an operation of {template}")
            declared = {(p["name"], p["in"]): p for p in item.get("parameters", ())}
            declared.update({(p["name"], p["in"]): p for p in spec.get("parameters", ())})
            pointer = f"/paths/{_escape(template)}/{method.lower()}"
            operation = Operation(method, template, pointer, spec, tuple(declared.values()))
            return operation, match.groupdict()
        raise ContractViolation(f"no path of the OpenAPI document matches {path}")

    def check_request(
        self,
        operation: Operation,
        path_values: Mapping[str, str],
        query: Mapping[str, list[str]],
        content_type: str | None,
        body: bytes,
    ) -> Any:
        """Check parameters and body; returns the parsed JSON body (None when empty)."""
        for parameter in operation.parameters:
            name, where = parameter["name"], parameter["in"]
            if where == "path":
                self._check_value(parameter, path_values[name], f"path parameter {name}")
            elif where == "query":
                values = query.get(name)
                if values is None:
                    if parameter.get("required"):
                        raise ContractViolation(f"missing required query parameter {name}")
                    continue
                for value in values:
                    self._check_value(parameter, value, f"query parameter {name}")
        declared_query = {p["name"] for p in operation.parameters if p["in"] == "query"}
        for name, values in query.items():
            if name in declared_query:
                continue
            if operation.method != "GET" or name not in GENERIC_QUERY:
                raise ContractViolation(f"undeclared query parameter {name}={values}")
            if name in ("page", "pagelen") and not all(v.isdigit() and int(v) > 0 for v in values):
                raise ContractViolation(f"{name} must be a positive integer, got {values}")
        return self._check_body(operation, content_type, body)

    def check_response(self, operation: Operation, status: int, payload: Any) -> None:
        responses = operation.spec.get("responses", {})
        key = str(status) if str(status) in responses else "default"
        if key not in responses:
            raise ContractViolation(f"{operation.method} {operation.template} has no {status}")
        content = responses[key].get("content", {})
        if payload is None:
            return
        if "application/json" not in content:
            raise ContractViolation(f"{status} of {operation.template} declares no JSON body")
        pointer = f"{operation.pointer}/responses/{key}/content/application~1json/schema"
        self._validate(pointer, payload, f"response {status} of {operation.template}")

    def _check_body(self, operation: Operation, content_type: str | None, body: bytes) -> Any:
        request_body = operation.spec.get("requestBody")
        if request_body is None:
            if body:
                raise ContractViolation(f"{operation.template} takes no request body")
            return None
        if not body:
            if request_body.get("required"):
                raise ContractViolation(f"{operation.template} requires a request body")
            return None
        media = (content_type or "").split(";")[0].strip()
        if media not in request_body.get("content", {}):
            raise ContractViolation(f"content type {media!r} not accepted by {operation.template}")
        try:
            payload = json.loads(body)
        except ValueError as exc:
            raise ContractViolation(f"request body is not JSON: {exc}") from None
        pointer = f"{operation.pointer}/requestBody/content/{_escape(media)}/schema"
        self._validate(pointer, payload, f"request body of {operation.template}")
        return payload

    def _check_value(self, parameter: Mapping[str, Any], raw: str, label: str) -> None:
        schema = parameter.get("schema", {})
        value: Any = raw
        if schema.get("type") == "integer":
            if not re.fullmatch(r"-?\d+", raw):
                raise ContractViolation(f"{label} must be an integer, got {raw!r}")
            value = int(raw)
        errors = list(Draft4Validator(schema).iter_errors(value))
        if errors:
            raise ContractViolation(f"{label}={raw!r}: {errors[0].message}")

    def _validate(self, pointer: str, payload: Any, label: str) -> None:
        validator = self._validators.get(pointer)
        if validator is None:
            validator = Draft4Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=self.registry)
            self._validators[pointer] = validator
        error = next(iter(validator.iter_errors(payload)), None)
        if error is not None:
            where = "/".join(str(part) for part in error.absolute_path) or "(root)"
            raise ContractViolation(f"{label} at {where}: {error.message}")
