"""Print the counts table of the gold set (pasted into README.md)."""

from farewell.anonymize.gold import counts_table

print(counts_table())
