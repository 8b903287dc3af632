"""Fixtures of the admin tests."""
