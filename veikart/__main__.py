import sys

from veikart.cli import main

sys.exit(main())
