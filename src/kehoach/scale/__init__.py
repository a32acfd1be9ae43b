"""Scale tooling: ``kehoach generate`` (synthetic data of the real shape) and ``kehoach bench``."""
