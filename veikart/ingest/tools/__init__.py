"""Helpers shared by the importer's steps: cleaning, sentences, safety limits, TOC, evaluation, outline."""
