enum PlaceholderPostgresHarness {}
