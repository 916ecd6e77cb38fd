"""Bokmål and nynorsk: "7. des. 2026" (N: the month abbreviated with a full stop, "mai" in full)."""

SHORT_DATE_FORMAT = "j. N Y"
SHORT_DATETIME_FORMAT = "j. N Y H:i"
