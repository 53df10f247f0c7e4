"""Parsers that extract structure from the report texts (read from TRENDGRAPH_SOURCES)."""
