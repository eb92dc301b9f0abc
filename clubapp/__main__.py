from clubapp.cli import main

raise SystemExit(main())
