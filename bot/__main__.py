"""`python -m bot`: Ctrl-C is quiet even while the command line itself is being imported."""

try:
    from bot.frontends.cli import main
except KeyboardInterrupt:
    raise SystemExit(130) from None

raise SystemExit(main())
