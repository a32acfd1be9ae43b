"""Pages of the first run (thiết lập ban đầu)."""
