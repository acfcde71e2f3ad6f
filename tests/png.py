"""Reading PNG files in tests: the chunks (CRCs checked) and the size."""

from __future__ import annotations

import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """Every chunk, checking each CRC: a truncated or corrupt file fails here."""
    assert png[:8] == PNG_SIGNATURE, "not a PNG"
    found, offset = [], len(PNG_SIGNATURE)
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset:offset + 4])
        kind = png[offset + 4:offset + 8]
        data = png[offset + 8:offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length:offset + 12 + length])
        assert zlib.crc32(kind + data) == crc, kind
        found.append((kind, data))
        offset += 12 + length
    return found


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) from the IHDR chunk."""
    kind, data = chunks(png)[0]
    assert kind == b"IHDR", "a PNG starts with IHDR"
    width, height = struct.unpack(">II", data[:8])
    return width, height
