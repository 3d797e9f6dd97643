import sys

try:
    from generator.cli import main
except KeyboardInterrupt:       # Ctrl+C while starting up: nothing done yet, no traceback
    sys.exit(130)

sys.exit(main())
