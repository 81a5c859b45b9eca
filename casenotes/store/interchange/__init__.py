"""Import and export: the JSON interchange format v1, CSV, and Markdown reports.

- :func:`import_file` brings in a JSON or CSV file of any size, all or nothing.
- :func:`select_record_ids` + :func:`export_records` / :func:`export_to_file` take records out.
- :func:`read_document` / :func:`import_document` handle small in-memory documents (the seed).
"""

from casenotes.store.interchange.atomic_file import ExportError, atomic_text_file
from casenotes.store.interchange.bulk_writer import reindex_records
from casenotes.store.interchange.csv_format import CSV_COLUMNS
from casenotes.store.interchange.document import (
    FORMAT_NAME, FORMAT_VERSION, Document, ImportCancelled, ImportedNote, ImportFileError, ImportSummary, Progress,
)
from casenotes.store.interchange.export import (
    EXPORT_FORMATS, FILE_SUFFIXES, export_records, export_to_file, select_record_ids,
)
from casenotes.store.interchange.importer import import_document, import_file
from casenotes.store.interchange.json_document import parse_document, read_document
from casenotes.store.interchange.json_export import dump_document, export_document, write_json
from casenotes.store.interchange.json_records import note_from_json, record_from_json, record_to_json
from casenotes.store.interchange.markdown_report import write_markdown

__all__ = [
    "CSV_COLUMNS", "EXPORT_FORMATS", "FILE_SUFFIXES", "FORMAT_NAME", "FORMAT_VERSION", "Document", "ExportError",
    "ImportCancelled", "ImportFileError", "ImportSummary", "ImportedNote", "Progress", "atomic_text_file",
    "dump_document", "export_document", "export_records", "export_to_file", "import_document", "import_file",
    "note_from_json", "parse_document", "read_document", "record_from_json", "record_to_json", "reindex_records",
    "select_record_ids", "write_json", "write_markdown",
]
