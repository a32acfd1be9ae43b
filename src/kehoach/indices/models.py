"""Models of the indices app."""
