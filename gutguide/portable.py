"""
Content as readable files, and back: the engine behind `manage.py export_content DIR` and
`import_content DIR`. Imports no app: the site names its documents (gutguide.content_files).

A *document* is one record written as one Markdown file with YAML front matter
(`<folder>/<key>.md`): its main text after the front matter, every other field in it.
What a document holds is read from its model, so fields added later come along:

- every editable concrete field, plus created/updated timestamps (restored on import,
  so pages show the same dates); stored HTML and other derived values are not written,
  they are computed again on save;
- a foreign key as the key of the record it points to (a slug, a name, or the target's
  natural_key()), many-to-many fields as lists of such keys;
- *children* (rows whose foreign key to the document cascades, such as an article's key
  points) as lists of their fields, in their model's order.

Import matches documents by key (slug), updates what exists and creates the rest, checks
every record with full_clean(), and either loads everything or, at the first file with a
problem, changes nothing and lists every problem found.
"""

import datetime
import decimal
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify

FORMAT = 1
MANIFEST = "gutguide-export.yaml"
DERIVED = ("version",)  # per-record counters (EditVersioned): not content


@dataclass
class Document:
    """How one model is written as files.

    `key`: the field that names a record (matched on import), None for a single record.
    `text`: the field written after the front matter. `extra_fields`/`load_extra`: a
    model's own structured data (a comparison's table) written into the front matter
    and loaded after the record is saved; `skip_children`: relations they cover."""

    model: type
    folder: str
    key: str | None
    text: str
    extra_fields: Callable | None = None
    load_extra: Callable | None = None
    extra_names: tuple = ()
    skip_children: tuple = ()
    file_name: str = ""  # for a single record: its file name, without ".md"

    def fields(self):
        return exported_fields(self.model)

    def children(self, documents):
        """The one-to-many relations written inside this document."""
        document_models = {document.model for document in documents}
        return [
            relation
            for relation in self.model._meta.related_objects
            if relation.one_to_many
            and relation.on_delete is models.CASCADE
            and relation.related_model not in document_models
            and relation.get_accessor_name() not in self.skip_children
        ]


class ExportProblem(Exception):
    """The content cannot be written as files that import back as they are."""


class ImportProblems(Exception):
    """Every problem found in the files, as (file, message) pairs."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def is_timestamp(model_field):
    return isinstance(model_field, models.DateTimeField) and (
        model_field.auto_now or model_field.auto_now_add
    )


def exported_fields(model, parent_field=None):
    """The fields written for `model`: editable concrete fields and auto timestamps, not
    the primary key, derived values or (for children) the foreign key to the parent."""
    derived = set(getattr(model, "DERIVED_FIELDS", ())) | set(DERIVED)
    fields = [
        model_field
        for model_field in model._meta.concrete_fields
        if not model_field.primary_key
        and model_field.name not in derived
        and (model_field.editable or is_timestamp(model_field))
        and model_field is not parent_field
    ]
    # Readable order: the model's own fields, then what it shares (publishing), then times.
    inherited = {
        model_field.name
        for base in model.__mro__[1:]
        if getattr(getattr(base, "_meta", None), "abstract", False)
        for model_field in base._meta.fields
    }
    return sorted(
        fields, key=lambda model_field: (is_timestamp(model_field), model_field.name in inherited)
    )


# --- Values ---------------------------------------------------------------------------


def plain(value):
    """A field value as YAML writes it readably: dates as ISO 8601 text."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


class Keys:
    """How records are named in files: documents by their key, other models by their
    natural_key()."""

    def __init__(self, documents):
        self.by_model = {document.model: document for document in documents}

    def of(self, record):
        document = self.by_model.get(type(record))
        if document is not None and document.key:
            return getattr(record, document.key)
        if hasattr(record, "natural_key"):
            return list(record.natural_key())
        raise TypeError(f"{type(record).__name__} records have no key to be written by.")

    def find(self, model, key):
        document = self.by_model.get(model)
        if document is not None and document.key:
            found = model._default_manager.filter(**{document.key: key}).first()
        else:
            try:
                found = model._default_manager.get_by_natural_key(*key)
            except (model.DoesNotExist, AttributeError, TypeError):
                found = None
        if found is None:
            raise ValidationError(f"There is no {model._meta.verbose_name} “{key}”.")
        return found


def field_values(record, fields, keys):
    values = {}
    for model_field in fields:
        if model_field.many_to_one or model_field.one_to_one:
            related = getattr(record, model_field.name)
            values[model_field.name] = None if related is None else keys.of(related)
        else:
            values[model_field.name] = plain(getattr(record, model_field.attname))
    for model_field in record._meta.many_to_many:
        if model_field.editable:
            values[model_field.name] = [
                keys.of(other) for other in getattr(record, model_field.name).all()
            ]
    return values


def set_values(record, data, fields, keys):
    """Give `record` the values in `data` for `fields` (absent ones stay as they are).
    Returns the many-to-many values, to be set once the record is saved, and the errors
    of values that could not be read, by field name."""
    errors = {}
    for model_field in fields:
        if model_field.name not in data:
            continue
        value = data[model_field.name]
        try:
            if model_field.many_to_one or model_field.one_to_one:
                target = None if value is None else keys.find(model_field.related_model, value)
                setattr(record, model_field.name, target)
            elif value is None:
                setattr(record, model_field.attname, None)
            else:
                setattr(record, model_field.attname, model_field.to_python(value))
        except ValidationError as error:
            errors[model_field.name] = error.messages
    many = {}
    for model_field in record._meta.many_to_many:
        if model_field.editable and model_field.name in data:
            try:
                many[model_field.name] = [
                    keys.find(model_field.related_model, key)
                    for key in data[model_field.name] or []
                ]
            except ValidationError as error:
                errors[model_field.name] = error.messages
    return many, errors


def full_clean(record, errors):
    """full_clean(), with the errors of values that could not be read added: every problem
    of the record at once."""
    try:
        record.full_clean(exclude=set(errors))
    except ValidationError as error:
        errors = {**error.message_dict, **errors}
    if errors:
        raise ValidationError(errors)


# --- Files --------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks, readable as written."""


def _represent_text(dumper, text):
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def write_file(path, front_matter, text):
    header = yaml.dump(front_matter, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    # newline="": the text is written exactly, \r\n included (browsers send those).
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(f"---\n{header}---\n{text}")


def read_file(path):
    """(front matter, text) of a document file."""
    with path.open(encoding="utf-8", newline="") as file:
        content = file.read()
    if not content.startswith("---\n"):
        raise ValueError("The file does not start with front matter (a line ---).")
    end = content.find("\n---\n", 3)
    if end == -1:
        raise ValueError("The front matter has no closing line ---.")
    front_matter = yaml.safe_load(content[4 : end + 1]) or {}
    if not isinstance(front_matter, dict):
        raise ValueError("The front matter is not a set of named fields.")
    return front_matter, content[end + 5 :]


def file_names(document, records):
    """A file name per record: its key made safe for file systems, unique in its folder."""
    names = {}
    taken = set()
    for record in records:
        base = slugify(str(getattr(record, document.key))) or "untitled"
        name, number = base, 1
        while name in taken:
            number += 1
            name = f"{base}-{number}"
        taken.add(name)
        names[record.pk] = name
    return names


# --- Export -------------------------------------------------------------------------------


def export(documents, directory):
    """Write every record of every document to `directory` (new or empty). Returns the
    number of files written per folder."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise ExportProblem(f"{directory} is not empty: export into a new or empty folder.")
    for document in documents:
        _refuse_shared_keys(document, document.model._default_manager.all())
    keys = Keys(documents)
    counts = {}
    for document in documents:
        records = list(document.model._default_manager.order_by("pk"))
        names = file_names(document, records) if document.key else {}
        for record in records:
            front_matter = record_front_matter(document, record, documents, keys)
            text = front_matter.pop(document.text) or ""
            if document.key:
                path = directory / document.folder / f"{names[record.pk]}.md"
            else:
                path = directory / f"{document.file_name}.md"
            write_file(path, front_matter, text)
            counts[document.folder or document.file_name] = (
                counts.get(document.folder or document.file_name, 0) + 1
            )
    manifest = {"format": FORMAT, "files": counts}
    (directory / MANIFEST).write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    return counts


def _refuse_shared_keys(document, records):
    """Records are matched by key on import, so two records with one key cannot be
    exported (only possible for keys that are not unique, such as a contributor's name)."""
    if not document.key:
        return
    seen = set()
    for record in records:
        key = getattr(record, document.key)
        if key in seen:
            plural = document.model._meta.verbose_name_plural
            raise ExportProblem(
                f"Two {plural} have the {document.key} “{key}”: rename one, so that an "
                "import can tell them apart."
            )
        seen.add(key)


def record_front_matter(document, record, documents, keys):
    front_matter = field_values(record, document.fields(), keys)
    for relation in document.children(documents):
        fields = exported_fields(relation.related_model, parent_field=relation.field)
        front_matter[relation.get_accessor_name()] = [
            field_values(child, fields, keys)
            for child in getattr(record, relation.get_accessor_name()).all()
        ]
    if document.extra_fields:
        front_matter.update(document.extra_fields(record))
    return front_matter


# --- Import -------------------------------------------------------------------------------


def import_(documents, directory):
    """Load every document file in `directory`: all of them, or (raising ImportProblems)
    none. Returns the number of records created and updated per folder."""
    directory = Path(directory)
    if not (directory / MANIFEST).is_file():
        raise ImportProblems(
            [(str(directory), f"No {MANIFEST}: this is not an export of GutGuide content.")]
        )
    keys = Keys(documents)
    problems = []
    counts = {}
    with transaction.atomic():
        for document in documents:
            for path, front_matter, text in _document_files(document, directory, problems):
                try:
                    with transaction.atomic():
                        created = load_record(document, front_matter, text, documents, keys)
                except ValidationError as error:
                    problems.extend((str(path), message) for message in _messages(error))
                except (IntegrityError, ValueError, TypeError) as error:
                    problems.append((str(path), str(error)))
                else:
                    folder = counts.setdefault(
                        document.folder or document.file_name, {"created": 0, "updated": 0}
                    )
                    folder["created" if created else "updated"] += 1
        if problems:
            transaction.set_rollback(True)
            raise ImportProblems(problems)
    return counts


def _document_files(document, directory, problems):
    """(path, front matter, text) of the document's files, in the order records were
    created (so that ties in a model's ordering come out as before), then by name."""
    if document.key:
        paths = sorted((directory / document.folder).glob("*.md"))
    else:
        paths = [path for path in [directory / f"{document.file_name}.md"] if path.is_file()]
    loaded = []
    seen = {}
    for path in paths:
        try:
            front_matter, text = read_file(path)
        except (ValueError, yaml.YAMLError) as error:
            problems.append((str(path), f"Cannot read it: {error}"))
            continue
        if document.key:
            key = front_matter.get(document.key)
            if not key:
                problems.append((str(path), f"It has no {document.key}."))
                continue
            if key in seen:
                problems.append((str(path), f"{seen[key]} has the same {document.key} “{key}”."))
                continue
            seen[key] = path.name
        loaded.append((path, front_matter, text))
    if _has_field(document.model, "created_at"):
        loaded.sort(key=lambda item: _created(item[1]))
    return loaded


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _created(front_matter):
    value = front_matter.get("created_at")
    parsed = datetime.datetime.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(parsed, datetime.datetime):
        return (0, parsed.astimezone(datetime.UTC))
    return (1, datetime.datetime.min.replace(tzinfo=datetime.UTC))


def _messages(error):
    if hasattr(error, "error_dict"):
        return [
            f"{name}: {message}" if name != "__all__" else message
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return error.messages


def load_record(document, front_matter, text, documents, keys):
    """Create or update one document's record (and its children) from its file. Returns
    whether it was created."""
    model = document.model
    front_matter = dict(front_matter)
    front_matter[document.text] = text
    fields = document.fields()
    children = {relation.get_accessor_name(): relation for relation in document.children(documents)}
    known = {model_field.name for model_field in fields} | set(children)
    known |= {model_field.name for model_field in model._meta.many_to_many if model_field.editable}
    extra = {}
    if document.load_extra:
        extra = {
            name: front_matter.pop(name) for name in document.extra_names if name in front_matter
        }
    unknown = sorted(set(front_matter) - known)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(unknown)}.")

    if document.key:
        record = model._default_manager.filter(**{document.key: front_matter[document.key]}).first()
    else:
        record = model._default_manager.first()
    created = record is None
    record = record or model()
    many, errors = set_values(record, front_matter, fields, keys)
    full_clean(record, errors)
    record.save()
    for name, targets in many.items():
        getattr(record, name).set(targets)
    restore_timestamps(record, front_matter, fields)

    for name, relation in children.items():
        if name in front_matter:
            load_children(record, relation, front_matter[name] or [], keys)
    if document.load_extra:
        document.load_extra(record, extra)
    return created


def load_children(record, relation, rows, keys):
    """Make the record's children exactly `rows`."""
    child_model = relation.related_model
    parent_field = relation.field
    fields = exported_fields(child_model, parent_field=parent_field)
    getattr(record, relation.get_accessor_name()).all().delete()
    for number, row in enumerate(rows, start=1):
        known = {model_field.name for model_field in fields}
        known |= {field.name for field in child_model._meta.many_to_many if field.editable}
        unknown = sorted(set(row) - known)
        if unknown:
            raise ValidationError(
                f"{relation.get_accessor_name()} {number}: unknown fields: {', '.join(unknown)}."
            )
        child = child_model(**{parent_field.name: record})
        try:
            many, errors = set_values(child, row, fields, keys)
            full_clean(child, errors)
        except ValidationError as error:
            raise ValidationError(
                [
                    f"{relation.get_accessor_name()} {number}: {message}"
                    for message in _messages(error)
                ]
            ) from None
        child.save()
        for name, targets in many.items():
            getattr(child, name).set(targets)
        restore_timestamps(child, row, fields)


def restore_timestamps(record, data, fields):
    """Created and updated times as the file has them (saving has just set them to now)."""
    values = {
        model_field.attname: model_field.to_python(data[model_field.name])
        for model_field in fields
        if is_timestamp(model_field) and data.get(model_field.name)
    }
    if values:
        type(record)._default_manager.filter(pk=record.pk).update(**values)
        for name, value in values.items():
            setattr(record, name, value)
