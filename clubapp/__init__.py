"""clubapp: members, committee, votes, volunteers, grants and accounts for a community club."""

__version__ = "0.1.0"
