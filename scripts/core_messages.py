"""Update the core's message catalogues (veikart/locale) from the code, and compile them.

    python scripts/core_messages.py          # extract, merge into nb/nn/en .po, compile .mo

Needs GNU gettext (xgettext, msgmerge, msgfmt). New messages arrive untranslated
in nn and en (msgstr ""): translate them, then run the script again. The web
layer's messages are Django's (``manage.py makemessages``), not these.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "veikart" / "locale"
KEYWORDS = (
    "_:1",
    "N_:1",
    "Message:1",
    "ExtractError:1",
    "StrategyJSONError:1",
    "CompareError:1",
    "warning:2",
    "Plural:1,2",
    "MessageError:1",
    "PeriodError:1",
    "TargetError:1",
    "ImportRefused:1",
    "UnknownMemberError:1",
    "InvalidMemberCode:1",
    "BeforeMemberList:1",
)


def sources() -> list[str]:
    files = subprocess.run(
        ["git", "ls-files", "veikart/*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [f for f in files if not f.startswith("veikart/web/")]


def main() -> int:
    template = LOCALE / "veikart.pot"
    keywords = ["--keyword="] + [f"--keyword={k}" for k in KEYWORDS]
    subprocess.run(
        [
            "xgettext",
            "--language=Python",
            "--from-code=UTF-8",
            "--no-location",
            "--sort-output",
            "--package-name=veikart",
            *keywords,
            "-o",
            str(template),
            *sources(),
        ],
        cwd=ROOT,
        check=True,
    )
    for lang in ("nb", "nn", "en"):
        po = LOCALE / lang / "LC_MESSAGES" / "veikart.po"
        if po.exists():
            merge = ["msgmerge", "--quiet", "--update", "--backup=none", "--no-location", str(po), str(template)]
            subprocess.run(merge, check=True)
        subprocess.run(["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
