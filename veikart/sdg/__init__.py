"""UN Sustainable Development Goals in Veikart: the catalogue and the classifier (no Django here).

For the web layer::

    from veikart.sdg import classify, load_catalogue

    for match in classify("Redusere klimagassutslippene"):      # list[SdgMatch], best first; [] = no SDG
        match.goal, match.score, match.targets, match.why          # 13, 0.65, ("13.2",), "Ord: …"
        match.to_dict()                                            # JSON-ready

    goal = load_catalogue().goal(13)                               # SdgGoal: short_nb, title_en, colour, text_colour
"""

from veikart.sdg.catalogue import GOAL_COLOURS, Catalogue, SdgGoal, SdgIndicator, SdgTarget, load_catalogue
from veikart.sdg.classifier import SdgClassifier, SdgMatch, classify

__all__ = [
    "GOAL_COLOURS", "Catalogue", "SdgClassifier", "SdgGoal", "SdgIndicator", "SdgMatch", "SdgTarget", "classify",
    "load_catalogue",
]
