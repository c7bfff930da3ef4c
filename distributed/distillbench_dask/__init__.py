"""Run a DistillBench experiment's shards on a Dask cluster and merge them (issue 12)."""
