#!/usr/bin/env python3
"""Benchmarks of the pipeline: the same as `rasd bench` (floor, extract, --jobs 2, Spark local[1]/local[2]).

usage: python scripts/bench.py [--articles 20000] [--seed 7] [--stages floor,extract,jobs2,spark1,spark2]
                               [--keep corpus.jsonl] [--json figures.json]
"""

from __future__ import annotations

from rasd.bench import bench_command

if __name__ == "__main__":
    bench_command()
