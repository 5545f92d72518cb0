"""The one list of rules. Adding a rule: write its module, add one line here."""

from __future__ import annotations

from dbops.rules.adding_field_with_default import AddingFieldWithDefault
from dbops.rules.adding_foreign_key_constraint import AddingForeignKeyConstraint
from dbops.rules.adding_not_nullable_field import AddingNotNullableField
from dbops.rules.adding_required_field import AddingRequiredField
from dbops.rules.adding_serial_primary_key_field import AddingSerialPrimaryKeyField
from dbops.rules.ban_add_column import BanAddColumn
from dbops.rules.ban_add_composite_attribute import BanAddCompositeAttribute
from dbops.rules.ban_add_enum_value import BanAddEnumValue
from dbops.rules.ban_alter_database_options import BanAlterDatabaseOptions
from dbops.rules.ban_alter_domain_with_add_constraint import BanAlterDomainWithAddConstraint
from dbops.rules.ban_alter_extension import BanAlterExtension
from dbops.rules.ban_alter_function_options import BanAlterFunctionOptions
from dbops.rules.ban_alter_generated_expression import BanAlterGeneratedExpression
from dbops.rules.ban_alter_identity import BanAlterIdentity
from dbops.rules.ban_alter_policy_condition import BanAlterPolicyCondition
from dbops.rules.ban_alter_policy_roles import BanAlterPolicyRoles
from dbops.rules.ban_alter_role_options import BanAlterRoleOptions
from dbops.rules.ban_alter_row_level_security import BanAlterRowLevelSecurity
from dbops.rules.ban_alter_sequence_values import BanAlterSequenceValues
from dbops.rules.ban_alter_system_options import BanAlterSystemOptions
from dbops.rules.ban_alter_view_options import BanAlterViewOptions
from dbops.rules.ban_char_field import BanCharField
from dbops.rules.ban_concurrent_index_creation_in_transaction import (
    BanConcurrentIndexCreationInTransaction,
)
from dbops.rules.ban_create_domain_with_constraint import BanCreateDomainWithConstraint
from dbops.rules.ban_create_policy import BanCreatePolicy
from dbops.rules.ban_detach_inheritance import BanDetachInheritance
from dbops.rules.ban_disable_trigger import BanDisableTrigger
from dbops.rules.ban_drop_column import BanDropColumn
from dbops.rules.ban_drop_constraint import BanDropConstraint
from dbops.rules.ban_drop_database import BanDropDatabase
from dbops.rules.ban_drop_default import BanDropDefault
from dbops.rules.ban_drop_domain import BanDropDomain
from dbops.rules.ban_drop_extension import BanDropExtension
from dbops.rules.ban_drop_function import BanDropFunction
from dbops.rules.ban_drop_generated_expression import BanDropGeneratedExpression
from dbops.rules.ban_drop_index import BanDropIndex
from dbops.rules.ban_drop_not_null import BanDropNotNull
from dbops.rules.ban_drop_policy import BanDropPolicy
from dbops.rules.ban_drop_schema import BanDropSchema
from dbops.rules.ban_drop_sequence import BanDropSequence
from dbops.rules.ban_drop_table import BanDropTable
from dbops.rules.ban_drop_type import BanDropType
from dbops.rules.ban_drop_view import BanDropView
from dbops.rules.ban_duplicate_column_assignments import BanDuplicateColumnAssignments
from dbops.rules.ban_new_write_restriction import BanNewWriteRestriction
from dbops.rules.ban_replace_view_function import BanReplaceViewFunction
from dbops.rules.ban_replica_identity import BanReplicaIdentity
from dbops.rules.ban_revoke import BanRevoke
from dbops.rules.ban_set_default import BanSetDefault
from dbops.rules.ban_set_schema import BanSetSchema
from dbops.rules.ban_truncate_cascade import BanTruncateCascade
from dbops.rules.ban_uncommitted_transaction import BanUncommittedTransaction
from dbops.rules.base import Rule, bytebase_enum_name
from dbops.rules.changing_column_type import ChangingColumnType
from dbops.rules.column_auto_increment_initial_value import ColumnAutoIncrementInitialValue
from dbops.rules.column_auto_increment_must_integer import ColumnAutoIncrementMustInteger
from dbops.rules.column_auto_increment_must_unsigned import ColumnAutoIncrementMustUnsigned
from dbops.rules.column_comment import ColumnComment
from dbops.rules.column_current_time_count_limit import ColumnCurrentTimeCountLimit
from dbops.rules.column_default_disallow_volatile import ColumnDefaultDisallowVolatile
from dbops.rules.column_disallow_change import ColumnDisallowChange
from dbops.rules.column_disallow_changing_order import ColumnDisallowChangingOrder
from dbops.rules.column_disallow_drop_in_index import ColumnDisallowDropInIndex
from dbops.rules.column_disallow_set_charset import ColumnDisallowSetCharset
from dbops.rules.column_maximum_character_length import ColumnMaximumCharacterLength
from dbops.rules.column_maximum_varchar_length import ColumnMaximumVarcharLength
from dbops.rules.column_no_null import ColumnNoNull
from dbops.rules.column_require_charset import ColumnRequireCharset
from dbops.rules.column_require_collation import ColumnRequireCollation
from dbops.rules.column_require_default import ColumnRequireDefault
from dbops.rules.column_required import ColumnRequired
from dbops.rules.column_set_default_for_not_null import ColumnSetDefaultForNotNull
from dbops.rules.column_type_disallow_list import ColumnTypeDisallowList
from dbops.rules.constraint_missing_not_valid import ConstraintMissingNotValid
from dbops.rules.disallowed_unique_constraint import DisallowedUniqueConstraint
from dbops.rules.engine_mysql_use_innodb import EngineMysqlUseInnodb
from dbops.rules.identifier_too_long import IdentifierTooLong
from dbops.rules.index_key_number_limit import IndexKeyNumberLimit
from dbops.rules.index_no_duplicate_column import IndexNoDuplicateColumn
from dbops.rules.index_pk_type_limit import IndexPkTypeLimit
from dbops.rules.index_primary_key_type_allowlist import IndexPrimaryKeyTypeAllowlist
from dbops.rules.index_total_number_limit import IndexTotalNumberLimit
from dbops.rules.index_type_allow_list import IndexTypeAllowList
from dbops.rules.index_type_no_blob import IndexTypeNoBlob
from dbops.rules.lock_model_mismatch import LockModelMismatch
from dbops.rules.migration_checksum_changed import MigrationChecksumChanged
from dbops.rules.migration_out_of_order import MigrationOutOfOrder
from dbops.rules.naming_column import NamingColumn
from dbops.rules.naming_column_auto_increment import NamingColumnAutoIncrement
from dbops.rules.naming_fully_qualified import NamingFullyQualified
from dbops.rules.naming_index_fk import NamingIndexFk
from dbops.rules.naming_index_idx import NamingIndexIdx
from dbops.rules.naming_index_pk import NamingIndexPk
from dbops.rules.naming_index_uk import NamingIndexUk
from dbops.rules.naming_table import NamingTable
from dbops.rules.not_reviewed import NotReviewed
from dbops.rules.prefer_bigint_over_int import PreferBigintOverInt
from dbops.rules.prefer_bigint_over_smallint import PreferBigintOverSmallint
from dbops.rules.prefer_identity import PreferIdentity
from dbops.rules.prefer_repack import PreferRepack
from dbops.rules.prefer_robust_stmts import PreferRobustStmts
from dbops.rules.prefer_text_field import PreferTextField
from dbops.rules.prefer_timestamptz import PreferTimestamptz
from dbops.rules.renaming_column import RenamingColumn
from dbops.rules.renaming_object import RenamingObject
from dbops.rules.renaming_table import RenamingTable
from dbops.rules.require_concurrent_index_creation import RequireConcurrentIndexCreation
from dbops.rules.require_concurrent_index_deletion import RequireConcurrentIndexDeletion
from dbops.rules.require_concurrent_partition_detach import RequireConcurrentPartitionDetach
from dbops.rules.require_concurrent_reindex import RequireConcurrentReindex
from dbops.rules.require_enum_value_ordering import RequireEnumValueOrdering
from dbops.rules.require_lock_timeout import RequireLockTimeout
from dbops.rules.require_statement_timeout import RequireStatementTimeout
from dbops.rules.require_table_schema import RequireTableSchema
from dbops.rules.require_timeout_settings import RequireTimeoutSettings
from dbops.rules.schema_backward_compatibility import SchemaBackwardCompatibility
from dbops.rules.schema_conflict import SchemaConflict
from dbops.rules.shadow_error import ShadowError
from dbops.rules.sqlite_alter_table_unsupported import SqliteAlterTableUnsupported
from dbops.rules.sqlite_strict_tables import SqliteStrictTables
from dbops.rules.sqlite_type_affinity import SqliteTypeAffinity
from dbops.rules.statement_check_set_role_variable import StatementCheckSetRoleVariable
from dbops.rules.statement_create_specify_schema import StatementCreateSpecifySchema
from dbops.rules.statement_disallow_add_column_with_default import (
    StatementDisallowAddColumnWithDefault,
)
from dbops.rules.statement_disallow_commit import StatementDisallowCommit
from dbops.rules.statement_disallow_limit import StatementDisallowLimit
from dbops.rules.statement_disallow_on_del_cascade import StatementDisallowOnDelCascade
from dbops.rules.statement_disallow_order_by import StatementDisallowOrderBy
from dbops.rules.statement_disallow_rm_tbl_cascade import StatementDisallowRmTblCascade
from dbops.rules.statement_disallow_truncate import StatementDisallowTruncate
from dbops.rules.statement_insert_disallow_order_by_rand import StatementInsertDisallowOrderByRand
from dbops.rules.statement_insert_must_specify_column import StatementInsertMustSpecifyColumn
from dbops.rules.statement_insert_row_limit import StatementInsertRowLimit
from dbops.rules.statement_max_execution_time import StatementMaxExecutionTime
from dbops.rules.statement_maximum_statements_in_transaction import (
    StatementMaximumStatementsInTransaction,
)
from dbops.rules.statement_merge_alter_table import StatementMergeAlterTable
from dbops.rules.statement_require_algorithm_option import StatementRequireAlgorithmOption
from dbops.rules.statement_require_lock_option import StatementRequireLockOption
from dbops.rules.statement_select_no_select_all import StatementSelectNoSelectAll
from dbops.rules.statement_where_disallow_functions_and_calculations import (
    StatementWhereDisallowFunctionsAndCalculations,
)
from dbops.rules.statement_where_maximum_logical_operator_count import (
    StatementWhereMaximumLogicalOperatorCount,
)
from dbops.rules.statement_where_no_equal_null import StatementWhereNoEqualNull
from dbops.rules.statement_where_no_leading_wildcard_like import StatementWhereNoLeadingWildcardLike
from dbops.rules.statement_where_require_select import StatementWhereRequireSelect
from dbops.rules.statement_where_require_update_delete import StatementWhereRequireUpdateDelete
from dbops.rules.syntax_error import SyntaxError_
from dbops.rules.system_charset_allowlist import SystemCharsetAllowlist
from dbops.rules.system_collation_allowlist import SystemCollationAllowlist
from dbops.rules.system_comment_length import SystemCommentLength
from dbops.rules.system_event_disallow_create import SystemEventDisallowCreate
from dbops.rules.system_function_disallow_create import SystemFunctionDisallowCreate
from dbops.rules.system_function_disallowed_list import SystemFunctionDisallowedList
from dbops.rules.system_procedure_disallow_create import SystemProcedureDisallowCreate
from dbops.rules.system_view_disallow_create import SystemViewDisallowCreate
from dbops.rules.table_comment import TableComment
from dbops.rules.table_disallow_ddl import TableDisallowDdl
from dbops.rules.table_disallow_dml import TableDisallowDml
from dbops.rules.table_disallow_partition import TableDisallowPartition
from dbops.rules.table_disallow_set_charset import TableDisallowSetCharset
from dbops.rules.table_disallow_trigger import TableDisallowTrigger
from dbops.rules.table_drop_naming_convention import TableDropNamingConvention
from dbops.rules.table_no_duplicate_index import TableNoDuplicateIndex
from dbops.rules.table_no_foreign_key import TableNoForeignKey
from dbops.rules.table_require_charset import TableRequireCharset
from dbops.rules.table_require_collation import TableRequireCollation
from dbops.rules.table_require_pk import TableRequirePk
from dbops.rules.table_text_fields_total_length import TableTextFieldsTotalLength
from dbops.rules.transaction_nesting import TransactionNesting
from dbops.rules.unused_ignore import UnusedIgnore

RULES: tuple[type[Rule], ...] = (
    SyntaxError_,
    UnusedIgnore,
    NotReviewed,
    AddingFieldWithDefault,
    AddingForeignKeyConstraint,
    AddingNotNullableField,
    AddingRequiredField,
    BanCharField,
    BanConcurrentIndexCreationInTransaction,
    BanDropColumn,
    BanDropDatabase,
    BanDropTable,
    ChangingColumnType,
    ColumnComment,
    ColumnDefaultDisallowVolatile,
    ColumnMaximumCharacterLength,
    ColumnNoNull,
    ColumnRequireDefault,
    ColumnRequired,
    ColumnTypeDisallowList,
    ConstraintMissingNotValid,
    DisallowedUniqueConstraint,
    IndexKeyNumberLimit,
    IndexNoDuplicateColumn,
    IndexPrimaryKeyTypeAllowlist,
    IndexTotalNumberLimit,
    MigrationChecksumChanged,
    MigrationOutOfOrder,
    ShadowError,
    LockModelMismatch,
    NamingColumn,
    NamingFullyQualified,
    NamingIndexFk,
    NamingIndexIdx,
    NamingIndexPk,
    NamingIndexUk,
    NamingTable,
    PreferBigintOverInt,
    PreferIdentity,
    PreferRobustStmts,
    PreferTimestamptz,
    RenamingColumn,
    RenamingTable,
    RequireConcurrentIndexCreation,
    RequireTimeoutSettings,
    SchemaBackwardCompatibility,
    SchemaConflict,
    SqliteAlterTableUnsupported,
    StatementCheckSetRoleVariable,
    StatementCreateSpecifySchema,
    StatementDisallowAddColumnWithDefault,
    StatementDisallowCommit,
    StatementDisallowOnDelCascade,
    StatementDisallowRmTblCascade,
    StatementDisallowTruncate,
    StatementInsertDisallowOrderByRand,
    StatementInsertMustSpecifyColumn,
    StatementInsertRowLimit,
    StatementMergeAlterTable,
    StatementSelectNoSelectAll,
    StatementWhereDisallowFunctionsAndCalculations,
    StatementWhereNoLeadingWildcardLike,
    StatementWhereRequireSelect,
    StatementWhereRequireUpdateDelete,
    SystemCharsetAllowlist,
    SystemCollationAllowlist,
    SystemCommentLength,
    TableComment,
    TableDisallowPartition,
    TableDropNamingConvention,
    TableNoForeignKey,
    TableRequirePk,
    TransactionNesting,
    SqliteTypeAffinity,
    SqliteStrictTables,
    IndexTypeNoBlob,
    IndexPkTypeLimit,
    IndexTypeAllowList,
    TableNoDuplicateIndex,
    ColumnDisallowDropInIndex,
    ColumnMaximumVarcharLength,
    TableTextFieldsTotalLength,
    SystemProcedureDisallowCreate,
    SystemEventDisallowCreate,
    SystemViewDisallowCreate,
    SystemFunctionDisallowCreate,
    SystemFunctionDisallowedList,
    TableDisallowTrigger,
    StatementDisallowLimit,
    StatementDisallowOrderBy,
    StatementWhereNoEqualNull,
    StatementWhereMaximumLogicalOperatorCount,
    StatementMaximumStatementsInTransaction,
    StatementMaxExecutionTime,
    StatementRequireAlgorithmOption,
    StatementRequireLockOption,
    TableDisallowDdl,
    TableDisallowDml,
    ColumnAutoIncrementInitialValue,
    ColumnAutoIncrementMustInteger,
    ColumnAutoIncrementMustUnsigned,
    ColumnCurrentTimeCountLimit,
    ColumnDisallowChange,
    ColumnDisallowChangingOrder,
    ColumnDisallowSetCharset,
    ColumnRequireCharset,
    ColumnRequireCollation,
    ColumnSetDefaultForNotNull,
    EngineMysqlUseInnodb,
    NamingColumnAutoIncrement,
    TableDisallowSetCharset,
    TableRequireCharset,
    TableRequireCollation,
    BanDropView,
    BanDropFunction,
    BanDropType,
    BanDropSchema,
    BanDropSequence,
    BanDropDomain,
    BanDropExtension,
    BanDropPolicy,
    BanDropConstraint,
    BanDropNotNull,
    BanDropGeneratedExpression,
    BanAlterGeneratedExpression,
    BanAlterIdentity,
    BanSetDefault,
    BanDisableTrigger,
    BanReplicaIdentity,
    BanAlterRowLevelSecurity,
    BanAddColumn,
    BanDetachInheritance,
    BanNewWriteRestriction,
    RenamingObject,
    BanSetSchema,
    BanRevoke,
    BanReplaceViewFunction,
    BanCreatePolicy,
    BanAlterPolicyCondition,
    BanAlterPolicyRoles,
    BanAlterFunctionOptions,
    BanAlterViewOptions,
    BanAlterRoleOptions,
    BanAlterDatabaseOptions,
    BanAlterSystemOptions,
    BanAlterExtension,
    BanAddEnumValue,
    BanAddCompositeAttribute,
    BanAlterSequenceValues,
    BanDropIndex,
    RequireEnumValueOrdering,
    RequireConcurrentIndexDeletion,
    RequireConcurrentReindex,
    RequireConcurrentPartitionDetach,
    AddingSerialPrimaryKeyField,
    BanTruncateCascade,
    BanCreateDomainWithConstraint,
    BanAlterDomainWithAddConstraint,
    BanUncommittedTransaction,
    RequireLockTimeout,
    RequireStatementTimeout,
    PreferRepack,
    PreferBigintOverSmallint,
    PreferTextField,
    RequireTableSchema,
    IdentifierTooLong,
    BanDropDefault,
    BanDuplicateColumnAssignments,
)

# Renamed rules keep answering to their old names, as ruff keeps redirects.
REDIRECTS: dict[str, str] = {
    "database-drop-empty-database": "ban-drop-database",
    "prefer-timestamptz": "prefer-timestamp-tz",  # Squawk's name since 2.x
}

_BY_NAME: dict[str, type[Rule]] = {}
for _rule in RULES:
    for _alias in _rule.aliases():
        _BY_NAME[_alias.lower()] = _rule


def lookup_rule(name: str) -> type[Rule] | None:
    """A rule by its dbops name, a redirect, or its Bytebase type (`column.no-null`,
    `COLUMN_NO_NULL`)."""
    key = name.strip().lower()
    key = REDIRECTS.get(key, key)
    return _BY_NAME.get(key) or _BY_NAME.get(bytebase_enum_name(key).lower())
