"""Text for a chat group (企业微信, WeChat): numbered items under a title, split into messages
that a chat accepts. Shared by the daily/weekly summaries (reports/chat.py) and the knowledge
base's chat export (questions/kb_exchange.py)."""

from __future__ import annotations

from helpdesk.i18n import t

# 企业微信 takes a text message of at most 2,048 bytes of UTF-8; WeChat more. Longer text is
# sent as several messages, each headed (1/2), (2/2).
CHAT_LIMIT_BYTES = 2048


def chat_messages(title: str, lines: list[str], limit: int = CHAT_LIMIT_BYTES
                  ) -> tuple[str, ...]:
    """The numbered items under the title, as few messages as fit `limit` bytes each; with
    more than one, each title carries its place (1/2). An item (a line, or an article of
    several) is never split: one longer than a message alone is a message of its own."""
    numbered = [t("chat.item", number=index, text=line)
                for index, line in enumerate(lines, start=1)]
    groups: list[list[str]] = [[]]
    head_room = len(f"{title}（99/99）\n".encode())
    for line in numbered:
        size = head_room + sum(len(f"{kept}\n".encode()) for kept in groups[-1])
        if groups[-1] and size + len(line.encode()) > limit:
            groups.append([])
        groups[-1].append(line)
    if len(groups) == 1:
        return ("\n".join([title, *groups[0]]),)
    return tuple("\n".join([t("chat.part", title=title, part=index, parts=len(groups)),
                            *group]) for index, group in enumerate(groups, start=1))
