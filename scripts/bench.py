#!/usr/bin/env python3
"""Benchmarks of the pipeline: the same as `rasd bench` (floor, extract, per-stage breakdown, --jobs 2,
Spark local[1]/local[2]).

usage: python scripts/bench.py [--articles 20000] [--seed 7] [--texts 'data/corpus/events/*.jsonl' [--max-chars 1000]]
                               [--stages floor,extract,breakdown,jobs2,spark1,spark2]
                               [--keep corpus.jsonl] [--json figures.json]
"""

from __future__ import annotations

from rasd.bench import bench_command

if __name__ == "__main__":
    bench_command()
