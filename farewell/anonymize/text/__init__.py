"""Finding what identifies a person in a testimony, and replacing it with typed placeholders."""
