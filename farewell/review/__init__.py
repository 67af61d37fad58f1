"""The reviewers' site. Accounts, cases and approvals come with the review issue."""
