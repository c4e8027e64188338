"""muqabala (مقابلة, "collation"): check news reporting of diplomatic statements against the statements."""

__version__ = "0.1.0"
