"""Cases: what a submitter sent, its consent and its place in the review workflow."""
