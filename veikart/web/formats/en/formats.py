"""English: "7 Dec 2026" (day first, as in British English; never the ambiguous 12/07/2026)."""

SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
