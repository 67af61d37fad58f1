"""Test support shared by the suite (loaded as a pytest plugin; not used at run time)."""
