"""Error hierarchy. Every message says what went wrong, where, and how to fix it."""

from __future__ import annotations


class KgBuildError(Exception):
    """Base class of all errors kg-build reports to its users."""


class InputError(KgBuildError):
    """A report cannot be read: wrong encoding, empty, binary or broken."""


class OntologyError(KgBuildError):
    """The ontology files are missing or do not load."""


class QueryError(KgBuildError):
    """A named query is unknown, malformed or fails."""


class ValidationError(KgBuildError):
    """The built graph does not conform to the shapes or the ontology."""


class StageError(KgBuildError):
    """A pipeline stage failed or broke a document invariant."""


# Message templates, one place so the tests can check each text.
EMPTY_FILE = "{path}: the file is empty (0 bytes); give a report with text in it."
BLANK_FILE = "{path}: the file holds no text, only white space; give a report with text in it."
BINARY_FILE = (
    "{path}: looks like a binary file, not a text report ({reason}); "
    "convert it to text or give a supported format."
)
DECODE_FAILED = (
    "{path}: cannot decode the bytes as {encoding} (invalid byte at offset {offset}); "
    "save the file as UTF-8 or GB18030."
)
NO_TEXT_REPORT = (
    "{path}: no Chinese text found ({count} CJK characters); "
    "is this a government work report?"
)
NOT_FOUND = "{path}: no such file or directory."
NO_INPUTS = "{path}: no report files (*.txt, *.html, *.htm, *.pdf, *.docx) found in this directory."
STAGE_FAILED = "{doc}: stage '{stage}' failed: {error}"
STAGE_BROKE_DOC = "{doc}: stage '{stage}' returned a document that breaks an invariant: {error}"
PIPELINE_ORDER = (
    "stage '{stage}' requires '{field}', which no earlier stage assigns; "
    "put a stage that assigns '{field}' before it."
)
NO_GRAPH = "{path}: no built graph here; run `kg-build build --out {out}` first."
OUT_IS_FILE = "{path}: is a file, not a directory; give --out a directory (it is created if missing)."
BAD_CONFIG = "{path}: not a valid TOML configuration ({error}); fix the file or leave out --config."
