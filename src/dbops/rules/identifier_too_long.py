from __future__ import annotations

from collections.abc import Iterator

from dbops.core.findings import Level
from dbops.rules.base import Rule, StatementContext, Violation
from dbops.rules.facts.squawk_names import NAMING_KINDS, created_names
from dbops.rules.facts.squawk_support import POSTGRES, violation


class IdentifierTooLong(Rule):
    """
    ## What it does
    Reports identifiers longer than 63 bytes (PostgreSQL's limit, NAMEDATALEN - 1) in the names a
    statement creates or renames to: tables, columns, constraints, indexes, views, sequences, types,
    domains, schemas, functions and the other objects.

    ## Why is this bad?
    PostgreSQL silently truncates a longer name to 63 bytes (a NOTICE only): the object exists under
    a name other than the one in the migration and the code, later statements naming it in full may
    hit another object, and two long names sharing their first 63 bytes collide.

    ## Example
    ```sql
    CREATE TABLE public.order_line_items_with_their_shipping_addresses_and_billing_details_v2 (
      id bigint PRIMARY KEY
    );
    ```

    ## Use instead
    ```sql
    CREATE TABLE public.order_line_shipping_details (id bigint PRIMARY KEY);
    ```
    """

    name = "identifier-too-long"
    default_level = Level.WARNING
    dialects = POSTGRES
    category = "backward-compatibility"
    reads_model = True
    statement_kinds = NAMING_KINDS
    bad_example = (
        "CREATE TABLE "
        "public.order_line_items_with_their_shipping_addresses_and_billing_details_v2 (\nid "
        "bigint PRIMARY KEY\n);"
    )
    good_example = "CREATE TABLE public.order_line_shipping_details (id bigint PRIMARY KEY);"

    def check(self, context: StatementContext) -> Iterator[Violation]:
        for name in created_names(context.statement):
            size = len(name.written.encode())
            if size > _LIMIT:
                stored = name.value  # the parser already holds the truncated name
                yield violation(
                    f"{name.written} is {size} bytes long: PostgreSQL truncates identifiers to "
                    f"{_LIMIT} bytes, so it would be stored as {stored}",
                    name.span if name.span.line else context.statement.span,
                )


_LIMIT = 63  # NAMEDATALEN - 1
