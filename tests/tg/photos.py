"""A RecordingRequest that also answers sendPhoto and keeps the uploaded bytes."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from telegram.request import RequestData

from tests.tg.harness import RecordingRequest


@dataclass
class PhotoRequest(RecordingRequest):
    uploads: list[bytes] = field(default_factory=list)
    _file_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        super().__post_init__()
        self._results["sendPhoto"] = self._photo

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        if request_data is not None and url.endswith("/sendPhoto"):
            for _, content, _ in request_data.multipart_data.values():
                assert isinstance(content, bytes)
                self.uploads.append(content)
        return await super().do_request(url, method, request_data, *args, **kwargs)

    def _photo(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._message(params)
        message.pop("text", None)
        number = next(self._file_ids)
        message["photo"] = [
            {"file_id": f"photo-{number}-small", "file_unique_id": f"u{number}s",
             "width": 320, "height": 715},
            {"file_id": f"photo-{number}", "file_unique_id": f"u{number}",
             "width": 1080, "height": 2412},
        ]
        if "caption" in params:
            message["caption"] = params["caption"]
        return message
