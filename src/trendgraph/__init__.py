"""trendgraph: a knowledge graph of Dutch municipal trend reports."""

__version__ = "0.1.0"
