"""The search indexes of titles/search/, one set per database.

Neither set is part of Django's model state: they are vendor-specific and only the search
module reads them, so ``makemigrations`` never sees them.

PostgreSQL (pg_trgm and unaccent come from 0002; fuzzystrmatch is added here):
- B-trees on ``compact`` and ``reverse(compact)`` in byte order (COLLATE "C"): exact and
  prefix matches, and labels ending with the query (compound heads), as range scans that
  can stop early. (Django's own ``…_like`` ``varchar_pattern_ops`` indexes serve LIKE.)
- B-trees on (first two letters, length), (last three letters, length) and (both, length):
  fuzzy candidates.
- a trigram GIN index on ``Label.compact``: the query anywhere inside a label.
- a stored ``tsvector`` on definitions and on responsibilities (swedish, english and an
  unaccented simple config), each with a GIN index: the full-text stage.

SQLite:
- the same three fuzzy-candidate B-trees (``substr(compact, -3)`` for the last letters).
- ``titles_label_trigram``: an FTS5 trigram index over ``Label.compact`` (external content,
  kept in step by triggers): substring matches and fuzzy candidates.
- ``titles_text_fts``: an FTS5 index of definitions (rowid 2·title id) and responsibilities
  (rowid 2·id + 1), diacritics folded, kept in step by triggers.

On SQLite, Django rebuilds a table (copy, drop, rename) for many later field changes, and a
rebuild drops that table's triggers and these indexes. ``titles.search.repair_sqlite_index``
runs after every ``migrate`` (a post_migrate handler), puts back whatever of
``SQLITE_INDEXES`` and ``SQLITE_TRIGGERS`` is missing and refills the FTS tables; the
search tests fail if that ever stops working.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    # levenshtein_less_equal() for the fuzzy stage (a trusted extension, like pg_trgm).
    "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch",
    # Exact and prefix matches as a byte-order range that stops after a few hundred rows.
    'CREATE INDEX titles_label_compact_bytes ON titles_label ((compact COLLATE "C"))',
    # "Ends with" as a range too: compound heads ("koordinator" → marknadskoordinator).
    'CREATE INDEX titles_label_compact_reverse ON titles_label ((reverse(compact) COLLATE "C"))',
    # Fuzzy candidates: the same first two letters, or last three, at about the same length.
    "CREATE INDEX titles_label_compact_head ON titles_label (substr(compact, 1, 2), length(compact))",
    "CREATE INDEX titles_label_compact_tail ON titles_label (right(compact, 3), length(compact))",
    "CREATE INDEX titles_label_compact_ends"
    " ON titles_label (substr(compact, 1, 2), right(compact, 3), length(compact))",
    # Anything inside a label ("kund" → nyckelkundsansvarig), when the B-trees left room.
    "CREATE INDEX titles_label_compact_trgm ON titles_label USING gin (compact gin_trgm_ops)",
    # unaccent() is only STABLE (it reads its dictionary by name); a stored column needs an
    # IMMUTABLE function with the dictionary spelled out.
    """
    CREATE OR REPLACE FUNCTION titles_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    """,
    """
    ALTER TABLE titles_title ADD COLUMN search_text tsvector GENERATED ALWAYS AS (
        to_tsvector('swedish'::regconfig, coalesce(definition_sv, ''))
        || to_tsvector('english'::regconfig, coalesce(definition_en, ''))
        || to_tsvector('simple'::regconfig,
                       titles_unaccent(coalesce(definition_sv, '') || ' ' || coalesce(definition_en, '')))
    ) STORED
    """,
    "CREATE INDEX titles_title_search_text ON titles_title USING gin (search_text)",
    """
    ALTER TABLE titles_responsibility ADD COLUMN search_text tsvector GENERATED ALWAYS AS (
        to_tsvector('swedish'::regconfig, coalesce(text_sv, ''))
        || to_tsvector('english'::regconfig, coalesce(text_en, ''))
        || to_tsvector('simple'::regconfig,
                       titles_unaccent(coalesce(text_sv, '') || ' ' || coalesce(text_en, '')))
    ) STORED
    """,
    "CREATE INDEX titles_responsibility_search_text ON titles_responsibility USING gin (search_text)",
]

POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS titles_responsibility_search_text",
    "ALTER TABLE titles_responsibility DROP COLUMN IF EXISTS search_text",
    "DROP INDEX IF EXISTS titles_title_search_text",
    "ALTER TABLE titles_title DROP COLUMN IF EXISTS search_text",
    "DROP FUNCTION IF EXISTS titles_unaccent(text)",
    "DROP INDEX IF EXISTS titles_label_compact_trgm",
    "DROP INDEX IF EXISTS titles_label_compact_ends",
    "DROP INDEX IF EXISTS titles_label_compact_tail",
    "DROP INDEX IF EXISTS titles_label_compact_head",
    "DROP INDEX IF EXISTS titles_label_compact_reverse",
    "DROP INDEX IF EXISTS titles_label_compact_bytes",
]

SQLITE_INDEXES = [
    "CREATE INDEX IF NOT EXISTS titles_label_compact_head"
    " ON titles_label (substr(compact, 1, 2), length(compact))",
    "CREATE INDEX IF NOT EXISTS titles_label_compact_tail"
    " ON titles_label (substr(compact, -3), length(compact))",
    "CREATE INDEX IF NOT EXISTS titles_label_compact_ends"
    " ON titles_label (substr(compact, 1, 2), substr(compact, -3), length(compact))",
]

SQLITE_TABLES = [
    """
    CREATE VIRTUAL TABLE titles_label_trigram USING fts5(
        compact, content='titles_label', content_rowid='id', tokenize='trigram'
    )
    """,
    """
    CREATE VIRTUAL TABLE titles_text_fts USING fts5(
        body, title_id UNINDEXED, tokenize='unicode61 remove_diacritics 2'
    )
    """,
]

SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER IF NOT EXISTS titles_label_trigram_insert AFTER INSERT ON titles_label BEGIN
        INSERT INTO titles_label_trigram(rowid, compact) VALUES (new.id, new.compact);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS titles_label_trigram_delete AFTER DELETE ON titles_label BEGIN
        INSERT INTO titles_label_trigram(titles_label_trigram, rowid, compact)
        VALUES ('delete', old.id, old.compact);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS titles_label_trigram_update AFTER UPDATE ON titles_label BEGIN
        INSERT INTO titles_label_trigram(titles_label_trigram, rowid, compact)
        VALUES ('delete', old.id, old.compact);
        INSERT INTO titles_label_trigram(rowid, compact) VALUES (new.id, new.compact);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS titles_text_title_insert AFTER INSERT ON titles_title BEGIN
        INSERT INTO titles_text_fts(rowid, body, title_id) VALUES (
            2 * new.id,
            coalesce(new.definition_sv, '') || ' ' || coalesce(new.definition_en, ''),
            new.id);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS titles_text_title_update AFTER UPDATE ON titles_title BEGIN
        DELETE FROM titles_text_fts WHERE rowid = 2 * old.id;
        INSERT INTO titles_text_fts(rowid, body, title_id) VALUES (
            2 * new.id,
            coalesce(new.definition_sv, '') || ' ' || coalesce(new.definition_en, ''),
            new.id);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS titles_text_title_delete AFTER DELETE ON titles_title BEGIN
        DELETE FROM titles_text_fts WHERE rowid = 2 * old.id;
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS titles_text_responsibility_insert
    AFTER INSERT ON titles_responsibility BEGIN
        INSERT INTO titles_text_fts(rowid, body, title_id) VALUES (
            2 * new.id + 1,
            coalesce(new.text_sv, '') || ' ' || coalesce(new.text_en, ''),
            new.title_id);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS titles_text_responsibility_update
    AFTER UPDATE ON titles_responsibility BEGIN
        DELETE FROM titles_text_fts WHERE rowid = 2 * old.id + 1;
        INSERT INTO titles_text_fts(rowid, body, title_id) VALUES (
            2 * new.id + 1,
            coalesce(new.text_sv, '') || ' ' || coalesce(new.text_en, ''),
            new.title_id);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS titles_text_responsibility_delete
    AFTER DELETE ON titles_responsibility BEGIN
        DELETE FROM titles_text_fts WHERE rowid = 2 * old.id + 1;
    END
    """,
]

SQLITE_REBUILD = [
    "INSERT INTO titles_label_trigram(titles_label_trigram) VALUES ('rebuild')",
    "DELETE FROM titles_text_fts",
    """
    INSERT INTO titles_text_fts(rowid, body, title_id)
    SELECT 2 * id, coalesce(definition_sv, '') || ' ' || coalesce(definition_en, ''), id
    FROM titles_title
    """,
    """
    INSERT INTO titles_text_fts(rowid, body, title_id)
    SELECT 2 * id + 1, coalesce(text_sv, '') || ' ' || coalesce(text_en, ''), title_id
    FROM titles_responsibility
    """,
]

SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS titles_label_compact_head",
    "DROP INDEX IF EXISTS titles_label_compact_tail",
    "DROP INDEX IF EXISTS titles_label_compact_ends",
    "DROP TRIGGER IF EXISTS titles_label_trigram_insert",
    "DROP TRIGGER IF EXISTS titles_label_trigram_delete",
    "DROP TRIGGER IF EXISTS titles_label_trigram_update",
    "DROP TRIGGER IF EXISTS titles_text_title_insert",
    "DROP TRIGGER IF EXISTS titles_text_title_update",
    "DROP TRIGGER IF EXISTS titles_text_title_delete",
    "DROP TRIGGER IF EXISTS titles_text_responsibility_insert",
    "DROP TRIGGER IF EXISTS titles_text_responsibility_update",
    "DROP TRIGGER IF EXISTS titles_text_responsibility_delete",
    "DROP TABLE IF EXISTS titles_label_trigram",
    "DROP TABLE IF EXISTS titles_text_fts",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_INDEXES + SQLITE_TABLES + SQLITE_TRIGGERS + SQLITE_REBUILD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("titles", "0004_search_miss")]

    operations = [migrations.RunPython(forward, backward)]
