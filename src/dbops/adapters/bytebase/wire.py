"""Bytebase's JSON wire rules (protojson), in one place.

- keys are lowerCamelCase (`WireModel` aliases every field);
- enums travel as their names, kept as plain strings so that a newer server's new values
  do not break an older dbops;
- int64 values are JSON strings (`Int64`), bytes are base64 (`Base64`);
- zero values are left out of requests (`to_wire`), and may be missing from responses, so
  every response field has a zero default;
- unknown response fields are ignored: a newer server may add some.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer
from pydantic.alias_generators import to_camel


def _int64_from_wire(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            raise ValueError(f"expected an int64 as a decimal string, got {value!r}") from None
    return value


def _bytes_from_wire(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except binascii.Error:
            raise ValueError("expected base64 bytes") from None
    return value


Int64 = Annotated[
    int,
    BeforeValidator(_int64_from_wire),
    PlainSerializer(str, return_type=str),
]
Base64 = Annotated[
    bytes,
    BeforeValidator(_bytes_from_wire),
    PlainSerializer(lambda value: base64.b64encode(value).decode("ascii"), return_type=str),
]


class WireModel(BaseModel):
    """A Bytebase message: snake_case in Python, camelCase on the wire."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="ignore", frozen=True
    )


def to_wire(message: WireModel) -> dict[str, Any]:
    """The request body for `message`: camelCase keys, zero values left out."""
    data: dict[str, Any] = message.model_dump(by_alias=True, exclude_defaults=True, mode="json")
    return data


def resource_id(name: str) -> str:
    """The last segment of a resource name: `projects/hr/plans/101` -> `101`."""
    return name.rstrip("/").rsplit("/", 1)[-1]
