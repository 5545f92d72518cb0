"""The other tools' history tables, as each tool's own source creates them, per engine."""

from __future__ import annotations

FLYWAY = {
    "postgres": """CREATE TABLE "flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL,
    CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank")
)""",
    "mysql": """CREATE TABLE `flyway_schema_history` (
    `installed_rank` INT NOT NULL,
    `version` VARCHAR(50),
    `description` VARCHAR(200) NOT NULL,
    `type` VARCHAR(20) NOT NULL,
    `script` VARCHAR(1000) NOT NULL,
    `checksum` INT,
    `installed_by` VARCHAR(100) NOT NULL,
    `installed_on` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `execution_time` INT NOT NULL,
    `success` BOOL NOT NULL,
    CONSTRAINT `flyway_schema_history_pk` PRIMARY KEY (`installed_rank`)
) ENGINE=InnoDB""",
    "sqlite": """CREATE TABLE "flyway_schema_history" (
    "installed_rank" INT NOT NULL PRIMARY KEY,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INT,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    "execution_time" INT NOT NULL,
    "success" BOOLEAN NOT NULL
)""",
}
FLYWAY_INSERT = (
    "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
    "checksum, installed_by, installed_on, execution_time, success) VALUES "
    "({rank}, {version}, '{description}', '{kind}', '{script}', {checksum}, 'flyway-ci', "
    "'2024-01-0{rank} 12:00:00', 12, {success})"
)

GOLANG_MIGRATE = {
    "postgres": "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null primary "
    "key, dirty boolean not null)",
    "mysql": "CREATE TABLE IF NOT EXISTS `schema_migrations` (version bigint not null primary "
    "key, dirty boolean not null)",
    "sqlite": "CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool)",
}

DBMATE = {
    "postgres": "create table if not exists public.schema_migrations (version varchar(128) "
    "primary key)",
    "mysql": "create table if not exists schema_migrations (version varchar(128) primary key)",
    "sqlite": "create table if not exists schema_migrations (version varchar(128) primary key)",
}

DIESEL = {
    engine: "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) "
    "PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)"
    for engine in ("postgres", "mysql", "sqlite")
}

_LIQUIBASE_COLUMNS = (
    "ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL, FILENAME VARCHAR(255) NOT NULL, "
    "DATEEXECUTED {timestamp} NOT NULL, ORDEREXECUTED INTEGER NOT NULL, "
    "EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), "
    "COMMENTS VARCHAR(255), TAG VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), "
    "LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10)"
)
LIQUIBASE = {
    "postgres": "CREATE TABLE public.databasechangelog ("
    + _LIQUIBASE_COLUMNS.format(timestamp="TIMESTAMP WITHOUT TIME ZONE")
    + ")",
    "mysql": "CREATE TABLE DATABASECHANGELOG ("
    + _LIQUIBASE_COLUMNS.format(timestamp="datetime")
    + ")",
    "sqlite": "CREATE TABLE DATABASECHANGELOG ("
    + _LIQUIBASE_COLUMNS.format(timestamp="TEXT")
    + ")",
}
LIQUIBASE_INSERT = (
    "INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE, "
    "MD5SUM, DESCRIPTION, LIQUIBASE, DEPLOYMENT_ID) VALUES ('{id}', '{author}', "
    "'db/001-shop.sql', '2024-01-0{order} 12:00:00', {order}, '{kind}', "
    "'9:0123456789abcdef0123456789abcdef', 'sql', '4.29.2', '1234567890')"
)
