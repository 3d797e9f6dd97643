"""Benchmark of the build (issue 7): build time, memory, floor, phone bytes, preview loop.

Run by hand: `python -m tests.benchmarks --n 200 1000 5000`; see README.md beside this file.
"""
