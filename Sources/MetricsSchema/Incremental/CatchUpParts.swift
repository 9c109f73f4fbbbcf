import SQLBuilder

// The CTEs of a catch-up besides the fact rows (FactRows.swift): the locations and accounts
// whose facts count elsewhere now, and the applied attribution it records.

/// The locations and accounts taken from `metrics_attribution_changes`.
struct ChangedAttribution: CommonTable {
  static let qualifiedName = QualifiedName("changed_attribution")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let accountID = Column<PG.UUID, Nullable>("account_id")
}

/// Accounts whose zone may have changed.
struct RezonedAccounts: CommonTable {
  static let qualifiedName = QualifiedName("rezoned_accounts")
  let accountID = Column<PG.UUID, NotNull>("account_id")
}

/// Locations whose facts may count for another account or date: those changed, and those of
/// a rezoned account, as applied or now.
struct RelocatedLocations: CommonTable {
  static let qualifiedName = QualifiedName("relocated_locations")
  let locationID = Column<PG.UUID, NotNull>("location_id")
}

/// Locations recorded in, or removed from, `metrics_applied_locations`.
struct AppliedLocationKeys: CommonTable {
  static let qualifiedName = QualifiedName("applied_location_keys")
  let locationID = Column<PG.UUID, NotNull>("location_id")
}

/// Locations removed from `metrics_applied_locations`.
struct ForgottenLocationKeys: CommonTable {
  static let qualifiedName = QualifiedName("forgotten_location_keys")
  let locationID = Column<PG.UUID, NotNull>("location_id")
}

/// Accounts recorded in `metrics_applied_accounts`.
struct AppliedAccountKeys: CommonTable {
  static let qualifiedName = QualifiedName("applied_account_keys")
  let accountID = Column<PG.UUID, NotNull>("account_id")
}

/// Accounts removed from `metrics_applied_accounts`.
struct ForgottenAccountKeys: CommonTable {
  static let qualifiedName = QualifiedName("forgotten_account_keys")
  let accountID = Column<PG.UUID, NotNull>("account_id")
}

/// The TRUNCATE requests a rebuild takes from their log.
struct TakenRebuildRequests: CommonTable {
  static let qualifiedName = QualifiedName("taken_rebuild_requests")
  let requestedAt = Column<PG.TimestampTZ, NotNull>("requested_at")
}
