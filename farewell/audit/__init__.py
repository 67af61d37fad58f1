"""The tamper-evident audit chain of every reviewer and operator action."""
