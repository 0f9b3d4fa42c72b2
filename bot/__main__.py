from bot.frontends.cli import main

raise SystemExit(main())
