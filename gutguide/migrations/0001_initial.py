from django.db import migrations, models

# The database's own full-text index over SearchEntry (see gutguide.search).

POSTGRES_CREATE = [
    # English stemming and stop words, with accents folded as SQLite's FTS5 does ("cafe"
    # finds "café"). unaccent is a trusted extension: the database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION gutguide (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION gutguide "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
    # The text is plain text shown to readers: "<" never starts an HTML tag (which the parser
    # would skip), so it gets a space after it. title_vector (weight A) decides "a title match" for every match, so it stays in the
    # row; summary_vector (B) and document (title A, summary B, body C) are searched through
    # their GIN indexes. Everything long goes to TOAST (toast_tuple_target): a search visits
    # thousands of rows and should read as few pages as it can.
    "ALTER TABLE gutguide_searchentry SET (toast_tuple_target = 128)",
    """
    ALTER TABLE gutguide_searchentry
        ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('gutguide'::regconfig, replace(title, '<', '< ')), 'A')
        ) STORED,
        ADD COLUMN summary_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('gutguide'::regconfig, replace(summary, '<', '< ')), 'B')
        ) STORED,
        ADD COLUMN document tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('gutguide'::regconfig, replace(title, '<', '< ')), 'A')
            || setweight(to_tsvector('gutguide'::regconfig, replace(summary, '<', '< ')), 'B')
            || setweight(to_tsvector('gutguide'::regconfig, replace(body, '<', '< ')), 'C')
        ) STORED
    """,
    "ALTER TABLE gutguide_searchentry ALTER COLUMN title_vector SET STORAGE MAIN",
    "CREATE INDEX gutguide_searchentry_document ON gutguide_searchentry USING gin (document)",
    "CREATE INDEX gutguide_searchentry_summary ON gutguide_searchentry USING gin (summary_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS gutguide_searchentry_summary",
    "DROP INDEX IF EXISTS gutguide_searchentry_document",
    "ALTER TABLE gutguide_searchentry DROP COLUMN IF EXISTS document, "
    "DROP COLUMN IF EXISTS summary_vector, DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE gutguide_searchentry RESET (toast_tuple_target)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS gutguide",
]

# An external-content FTS5 table: it reads the text from gutguide_searchentry (no second copy)
# and triggers keep its index in step with every insert, update and delete.
SQLITE_CREATE = [
    """
    CREATE VIRTUAL TABLE gutguide_searchentry_fts USING fts5(
        title, summary, body,
        content='gutguide_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER gutguide_searchentry_fts_insert AFTER INSERT ON gutguide_searchentry BEGIN
        INSERT INTO gutguide_searchentry_fts (rowid, title, summary, body)
        VALUES (new.id, new.title, new.summary, new.body);
    END
    """,
    """
    CREATE TRIGGER gutguide_searchentry_fts_delete AFTER DELETE ON gutguide_searchentry BEGIN
        INSERT INTO gutguide_searchentry_fts (gutguide_searchentry_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
    END
    """,
    """
    CREATE TRIGGER gutguide_searchentry_fts_update AFTER UPDATE ON gutguide_searchentry BEGIN
        INSERT INTO gutguide_searchentry_fts (gutguide_searchentry_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
        INSERT INTO gutguide_searchentry_fts (rowid, title, summary, body)
        VALUES (new.id, new.title, new.summary, new.body);
    END
    """,
    "INSERT INTO gutguide_searchentry_fts (gutguide_searchentry_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS gutguide_searchentry_fts_update",
    "DROP TRIGGER IF EXISTS gutguide_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS gutguide_searchentry_fts_insert",
    "DROP TABLE IF EXISTS gutguide_searchentry_fts",
]


def run(statements):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        help_text='The model\'s label, e.g. "faq.question".', max_length=100
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.TextField()),
                ("summary", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
            ],
            options={
                "verbose_name_plural": "search entries",
                "ordering": ["kind", "object_id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id"), name="searchentry_unique_record"
                    )
                ],
            },
        ),
        migrations.RunPython(
            run({"postgresql": POSTGRES_CREATE, "sqlite": SQLITE_CREATE}),
            run({"postgresql": POSTGRES_DROP, "sqlite": SQLITE_DROP}),
        ),
    ]
