"""Filter tokens: who may see a row and what the page's filters select, as terms in the full-text index.

A row carries "vkpublic" when everyone may see it, "vkorg<id>", "vkkind<kind>",
"vkyear<year>" for every year of its period and "vksdg<n>" for every SDG. A
search adds the matching tokens to its full-text expression, so both backends
only ever rank rows in scope. (The SQL conditions stay as well: a token a
person could type finds nothing they may not see.)
"""

from __future__ import annotations

MAX_YEARS = 30  # a period longer than this is indexed by its first and last years only


def row_tokens(
    *, organisation_id: int, kind: str, public: bool, period_start: int | None, period_end: int | None,
    sdgs: list[int],
) -> str:
    tokens = [f"vkorg{organisation_id}", f"vkkind{kind}"]
    if public:
        tokens.append("vkpublic")
    if period_start and period_end and 0 <= period_end - period_start <= MAX_YEARS:
        tokens += [f"vkyear{y}" for y in range(period_start, period_end + 1)]
    else:
        tokens += [f"vkyear{y}" for y in {period_start, period_end} if y]
    tokens += [f"vksdg{n}" for n in sdgs]
    return " ".join(tokens)


def scope_groups(scope, visibility: bool = False) -> list[list[str]]:
    """The scope as AND-ed groups of OR-ed tokens (an empty list: no condition).

    The visibility group is left out by default: most rows are public, so the
    token narrows nothing and intersecting its long posting list costs more
    than the SQL check on the matches (measured: p50 9 → 16 ms on SQLite).
    """
    groups: list[list[str]] = []
    if visibility and not scope.all_visible:
        groups.append(["vkpublic", *(f"vkorg{o}" for o in scope.member_of)])
    if scope.organisation_id is not None:
        groups.append([f"vkorg{scope.organisation_id}"])
    if scope.kinds:
        groups.append([f"vkkind{k}" for k in scope.kinds])
    if scope.year is not None:
        groups.append([f"vkyear{scope.year}"])
    if scope.sdg is not None:
        groups.append([f"vksdg{int(scope.sdg)}"])
    return groups


def fts5_filter(scope, visibility: bool = False) -> str:
    groups = scope_groups(scope, visibility)
    return " AND ".join("(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in groups)


def tsquery_filter(scope, visibility: bool = False) -> str:
    groups = scope_groups(scope, visibility)
    return " & ".join("(" + " | ".join(f"'{t}'" for t in group) + ")" for group in groups)
