enum PlaceholderMetricsSchema {}
