"""Synthetic data engine: vectorised generation of a ``DatasetSpec`` to Parquet
(``generate``), industry templates and their customisation (``templates``), and realism
checks over generated data (``realism``). Imports are per module so the modeling phase can
load templates without numpy-heavy generation code and vice versa.

The engine: ``generate`` (tables, chunks, NULLs, Parquet) dispatches through the registry in
``columns`` (one function per generator kind) to ``keys`` (ids, foreign keys), ``timestamps``,
``text`` (templates and Faker ``pools``) and the value kinds in ``columns``; ``effects``
plants stories; ``context``, ``arrays`` and ``sampling`` are what they share."""
