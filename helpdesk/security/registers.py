"""The confidentiality registers (contract 十一 items 5–14), declared as data: which facts each
register records when an entry is made and when it is closed, its number prefix, and what
makes an entry overdue. One table holds them all (security/models.py: RegisterEntry);
the service checks each entry against its register's spec."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.i18n import t

# Each entry field's value type. `holder` names a person: one of our staff by login (then the
# entry follows them when they leave) or anyone else by name.
FIELD_TYPES: dict[str, str] = {
    "title": "text", "detail": "text", "medium": "text", "location": "text",
    "holder": "person", "approved_by": "text", "approved_on": "date", "start_on": "date",
    "due_on": "date", "password_set": "bool", "reported_to": "text", "reported_on": "date",
    "ref": "number",
}

# How an entry ends: returned (borrowing), handed over or destroyed (files, media, meeting
# records; on a transfer or departure), closed (an incident handled, an authorisation spent).
OUTCOMES = ("returned", "handed_over", "destroyed", "closed", "answered")


@dataclass(frozen=True)
class Register:
    kind: str
    prefix: str  # numbers read BM-MD2026-0001
    required: tuple[str, ...]
    optional: tuple[str, ...]
    outcomes: tuple[str, ...]  # how its entries may close; () = never closed (a record)
    due_field: str | None = None  # open past this day: overdue
    follows_holder: bool = False  # an open entry blocks deactivating the staff who holds it

    @property
    def fields(self) -> tuple[str, ...]:
        return self.required + self.optional


REGISTERS: tuple[Register, ...] = (
    # 8: files and media holding internal information; passwords set and reported (never the
    # password itself), kept in a cabinet.
    Register("media", "MD", ("title", "location"),
             ("medium", "holder", "password_set", "reported_to", "reported_on", "detail"),
             ("handed_over", "destroyed"), follows_holder=True),
    # 9: borrowing internal files, materials or archives, approved by the bureau's leader.
    Register("borrow", "JY", ("title", "holder", "approved_by", "start_on", "due_on"),
             ("ref", "detail"), ("returned",), due_field="due_on", follows_holder=True),
    # 10: any copy or extract needs the bureau's approval.
    # A copy or a recording is a record, never closed; whoever holds one hands it on when they
    # leave (security/offboarding.py).
    Register("copy", "FZ", ("title", "approved_by", "approved_on"), ("holder", "detail"), (),
             follows_holder=True),
    # 11: meeting records kept centrally; lending one is a borrowing (ref = this entry).
    Register("meeting", "HY", ("title", "start_on", "location"), ("holder", "detail"),
             ("handed_over", "destroyed"), follows_holder=True),
    # 6: audio, video or photo recording only with authorisation.
    Register("recording", "LX", ("title", "holder", "approved_by", "start_on"),
             ("detail",), (), follows_holder=True),
    # 14: a leak reported promptly and handled; open until closed.
    Register("incident", "SM", ("title", "start_on", "reported_to", "reported_on"),
             ("detail",), ("closed",)),
    # The bureau's right to know and to press the vendor: its suggestions and supervision
    # notices (督促), each answered by its day (the answer is the closing note).
    Register("suggestion", "DC", ("title", "start_on"), ("holder", "due_on", "detail"),
             ("answered",), due_field="due_on"),
)
# The contract's confidentiality registers (the `security` commands); the suggestions
# register belongs to the contract's own records (`ledger suggestion`).
CONFIDENTIALITY_KINDS: tuple[str, ...] = tuple(r.kind for r in REGISTERS if r.kind != "suggestion")
REGISTER_KINDS: tuple[str, ...] = tuple(register.kind for register in REGISTERS)


def register_of(kind: str) -> Register | None:
    return next((register for register in REGISTERS if register.kind == kind), None)


# The medium of the files the console writes itself (services/file_export.py); stored as this
# code, shown in words.
EXPORT_MEDIUM = "export"


def medium_label(value: str) -> str:
    return t("registers.medium_export") if value == EXPORT_MEDIUM else value
