"""Rasd: Arabic conflict news to structured, geocoded, dated conflict events."""

from __future__ import annotations

__version__ = "0.1.0"
