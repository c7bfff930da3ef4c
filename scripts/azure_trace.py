"""Loader for the Azure LLM inference trace 2023 shared beside the repository.

The two CSV files (``code.csv``, ``conv.csv``; columns ``TIMESTAMP,ContextTokens,GeneratedTokens``)
come from Azure/AzurePublicDataset (``AzureLLMInferenceTrace_{code,conv}.csv``, CC BY 4.0;
Patel et al., "Splitwise: Efficient generative LLM inference using phase splitting", ISCA 2024).

Timestamps such as ``2023-11-16 18:17:03.9799600`` carry no zone; they are read as UTC and
returned as integer microseconds since the Unix epoch (the 7th fractional digit is 0 throughout
the trace, which ``load`` checks). Used by ``azure_quantiles.py`` and ``azure_interarrivals.py``.
"""

import csv
import datetime as dt
import os

import numpy as np

#: The trace directory: ../shared/data/azure-llm-inference-2023 relative to the repository root.
DATA_DIR = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "azure-llm-inference-2023"))

#: Service name -> file name, in the order used throughout.
SERVICES = {"conv": "conv.csv", "code": "code.csv"}

HEADER = ["TIMESTAMP", "ContextTokens", "GeneratedTokens"]


class Trace:
    """One service's requests as three NumPy columns."""

    def __init__(self, timestamps_us, prompt_tokens, completion_tokens):
        self.timestamps_us = timestamps_us          # int64, µs since the Unix epoch (UTC)
        self.prompt_tokens = prompt_tokens          # int64 (ContextTokens)
        self.completion_tokens = completion_tokens  # int64 (GeneratedTokens)

    def inter_arrivals_ms(self):
        """Differences of consecutive (sorted) timestamps, in milliseconds (float64)."""
        return np.diff(np.sort(self.timestamps_us)) / 1000.0


def parse_timestamp_us(text):
    """``YYYY-MM-DD HH:MM:SS.fffffff`` (UTC) -> integer microseconds since the Unix epoch."""
    date_part, time_part = text.split(" ")
    whole, _, fraction = time_part.partition(".")
    base = dt.datetime.fromisoformat(date_part + " " + whole).replace(tzinfo=dt.timezone.utc)
    if len(fraction) > 6 and int(fraction[6:]) != 0:
        raise ValueError("sub-microsecond digits in %r" % text)
    micros = int((fraction + "000000")[:6]) if fraction else 0
    return (int(base.timestamp()) * 1_000_000) + micros


def load(service, data_dir=DATA_DIR):
    """Reads ``service`` ("conv" or "code") and returns a ``Trace``."""
    path = os.path.join(data_dir, SERVICES[service])
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != HEADER:
        raise ValueError("%s: unexpected header %r" % (path, rows[0]))
    ts, prompt, completion = [], [], []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != 3:
            raise ValueError("%s:%d: expected 3 fields, found %d" % (path, line, len(row)))
        ts.append(parse_timestamp_us(row[0]))
        prompt.append(int(row[1]))
        completion.append(int(row[2]))
    return Trace(np.array(ts, dtype=np.int64), np.array(prompt, dtype=np.int64),
                 np.array(completion, dtype=np.int64))
