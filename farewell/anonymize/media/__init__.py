"""File cleaning: metadata removed by re-encoding, in a keyless sandbox; no Django here."""
