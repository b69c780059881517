"""Synthetic data engine: vectorised generation of a ``DatasetSpec`` to Parquet
(``generate``), industry templates and their customisation (``templates``), and realism
checks over generated data (``realism``). Imports are per module so the modeling phase can
load templates without numpy-heavy generation code and vice versa."""
