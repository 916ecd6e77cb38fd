"""Veikart's web application (Django): strategy library, review and publishing.

The only package that imports Django; parsing stays in ``veikart.ingest``.
"""
