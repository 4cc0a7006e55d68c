"""Benchmarks of article-cleaner (not part of the installed package)."""
