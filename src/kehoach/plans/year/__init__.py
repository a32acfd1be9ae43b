"""Pages of the year's turn (copy, issue, close)."""
