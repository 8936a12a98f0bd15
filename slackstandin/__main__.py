"""Run the stand-in from the command line."""
import sys

from slackstandin.cli import main

sys.exit(main())
