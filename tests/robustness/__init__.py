"""Tests that try hard to break the cleaner: arbitrary input, hostile rules, huge documents."""
