"""Fictional demo content for `farewell demo`."""
