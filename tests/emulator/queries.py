"""Bot API methods about queries and the command menu: answering taps and inline queries."""

from __future__ import annotations

from typing import Any

from .state import State
from .validate import bad, check_commands, check_inline_results

JSON = dict[str, Any]
Files = dict[str, tuple[str, bytes]]


class QueryMethods:
    state: State

    def answer_callback_query(self, p: JSON, f: Files) -> bool:
        query_id = str(p.get("callback_query_id"))
        if self.state.callback_queries.get(query_id, True) is not None:
            raise bad("query is too old and response timeout expired or query ID is invalid")
        if len(str(p.get("text") or "")) > 200:
            raise bad("MESSAGE_TOO_LONG")
        self.state.callback_queries[query_id] = dict(p)
        return True

    def answer_inline_query(self, p: JSON, f: Files) -> bool:
        query_id = str(p.get("inline_query_id"))
        if self.state.inline_queries.get(query_id, True) is not None:
            raise bad("query is too old and response timeout expired or query ID is invalid")
        check_inline_results(p.get("results"))
        self.state.inline_queries[query_id] = dict(p)
        return True

    def set_my_commands(self, p: JSON, f: Files) -> bool:
        self.state.commands[_scope_key(p)] = check_commands(p.get("commands"))
        return True

    def get_my_commands(self, p: JSON, f: Files) -> list[JSON]:
        return self.state.commands.get(_scope_key(p), [])

    def delete_my_commands(self, p: JSON, f: Files) -> bool:
        self.state.commands.pop(_scope_key(p), None)
        return True



def _scope_key(p: JSON) -> str:
    scope = p.get("scope") or {"type": "default"}
    return f"{scope.get('type')}:{scope.get('chat_id', '')}:{p.get('language_code') or ''}"
