"""Veikart's date formats on top of Django's per language (settings.FORMAT_MODULE_PATH).

Tables, charts and reports write a day short and alike: "7. des. 2026" in bokmål and nynorsk,
"7 Dec 2026" in English (``|date:"SHORT_DATE_FORMAT"``, ``date_format(day, "SHORT_DATE_FORMAT")``).
Everything not named here (numbers: decimal comma, thin grouping) is Django's own locale.
"""
