"""Load: read the curriculum and a school's config, resolve region text, validate, and check across files."""
