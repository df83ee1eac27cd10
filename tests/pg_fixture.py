"""A real PostgreSQL server for the tests (placeholder until the store work lands)."""
