"""Each signed-in person's own settings; for now the language of the pages, applied again at every sign-in."""
