"""Benchmarks of dualuse (not tests): latency, proof overhead, batch throughput, memory, chat.

Run ``python -m bench`` (or ``./dev bench``); ``--quick`` for a smoke run, ``--full`` for the
100,000-row batch too. See ``bench/README.md``.
"""
