"""The evaluation gate: dev-set and seed scores must not fall below the pinned floors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_eval_gate_floors_hold(shared_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval_gate.py"), "--shared", str(shared_dir)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_eval_floors_are_pinned() -> None:
    import json

    floors = json.loads((ROOT / "scripts" / "eval_floors.json").read_text(encoding="utf-8"))
    assert floors["dev"]["evidence_valid"] == 1.0
    assert floors["dev"]["f1"] >= 0.75
