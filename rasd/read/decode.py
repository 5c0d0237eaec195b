"""Bytes to text: UTF-8 (with or without BOM), else Windows-1256 (common for Arabic), else UTF-8 with replacement."""

from __future__ import annotations

__all__ = ["decode_bytes"]


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)`` and never raises."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
        if _arabic_share(text) > 0.3:
            return text, "cp1256"
    except UnicodeDecodeError:
        pass
    return data.decode("utf-8", errors="replace"), "utf-8-replace"
