from eoffice.cli import main

raise SystemExit(main())
