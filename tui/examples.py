"""Example questions, shown on the help screen and offered by the command palette."""

from __future__ import annotations

EXAMPLES: list[tuple[str, str]] = [
    (
        "Can we export 2 t of dysprosium oxide to the Japan Maritime Self-Defense Force in "
        "March 2026 for radar on destroyers?",
        "a banned transfer (military user and military use)",
    ),
    (
        "Export Dy2O3 to Sony in Japan for consumer electronics on 2 March 2026",
        "a civilian maker outside the lists: a licence is needed",
    ),
    ("Terbium metal to TDK Corporation in March", "a watch-listed company; questions follow"),
    (
        "NdFeB magnets with Dy to Mitsubishi Heavy Industries Shipbuilding next Monday",
        "a control-listed company",
    ),
    ("向日本海上自卫队出口氧化镝", "Chinese names"),
    ("酸化ジスプロシウムを防衛省へ輸出", "Japanese names"),
    ("Re-export of GaN from Vietnam to Japan via Korea", "a re-export"),
    ("Deemed export of terbium technology to a foreign engineer in Shanghai", "a deemed export"),
    ("and if the end use were civilian?", "a what-if on the current case"),
    ("what about terbium metal to TDK in March?", "revise the current case"),
    ("why not prohibited?", "why another outcome was not reached"),
    ("show the article", "the words of the law behind the main ground"),
    ("who is liable?", "liability and penalties"),
    ("what is the fine for 800,000 yuan?", "set the turnover and size the fine"),
    ("new case", "start again"),
]
"""(question, what it shows)."""

KEYS: list[tuple[str, str]] = [
    ("Enter", "send the message (or answer the question)"),
    ("1-9", "pick a numbered answer (type it and press Enter, or click the button)"),
    ("Ctrl+P", "command palette: rules, articles, examples, export"),
    ("F1", "this help"),
    ("F2", "edit the facts of the case"),
    ("F3", "the cases of this session"),
    ("F5 / F6", "export the case as Markdown / JSON to the current folder"),
    ("Ctrl+N", "new case"),
    ("Escape", "back to the message line"),
    ("Ctrl+Q", "quit"),
]
