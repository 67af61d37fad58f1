"""Checking a case's accounts against each other, geography and public events. No Django."""
