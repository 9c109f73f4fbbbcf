import SQLBuilder

// The CTEs of a catch-up: the changes it takes from the logs, the locations and accounts whose
// facts count elsewhere now, and the facts of those read from the base tables.

/// Calls as they now are, taken from `metrics_call_changes`.
struct CallsAdded: CommonTable, CallRows {
  static let qualifiedName = QualifiedName("calls_added")
  let id = Column<PG.Text, NotNull>("id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let status = Column<PG.Text, NotNull>("status")
  let callType = Column<PG.Text, NotNull>("call_type")
  let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")
}

/// Calls as they were, taken from `metrics_call_changes`.
struct CallsRemoved: CommonTable, CallRows {
  static let qualifiedName = QualifiedName("calls_removed")
  let id = Column<PG.Text, NotNull>("id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let status = Column<PG.Text, NotNull>("status")
  let callType = Column<PG.Text, NotNull>("call_type")
  let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")
}

/// Orders as they now are.
struct OrdersAdded: CommonTable, OrderRows {
  static let qualifiedName = QualifiedName("orders_added")
  let id = Column<PG.UUID, NotNull>("id")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let totalAmount = Column<PG.DoublePrecision, Nullable>("total_amount")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
}

/// Orders as they were.
struct OrdersRemoved: CommonTable, OrderRows {
  static let qualifiedName = QualifiedName("orders_removed")
  let id = Column<PG.UUID, NotNull>("id")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let totalAmount = Column<PG.DoublePrecision, Nullable>("total_amount")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
}

/// Reservations as they now are.
struct ReservationsAdded: CommonTable, ReservationRows {
  static let qualifiedName = QualifiedName("reservations_added")
  let id = Column<PG.UUID, NotNull>("id")
  let locationID = Column<PG.UUID, NotNull>("location_id")
  let guestCount = Column<PG.Integer, Nullable>("guest_count")
  let avgSpendPerHeadOverride = Column<PG.Numeric, Nullable>("avg_spend_per_head_override")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
}

/// Reservations as they were.
struct ReservationsRemoved: CommonTable, ReservationRows {
  static let qualifiedName = QualifiedName("reservations_removed")
  let id = Column<PG.UUID, NotNull>("id")
  let locationID = Column<PG.UUID, NotNull>("location_id")
  let guestCount = Column<PG.Integer, Nullable>("guest_count")
  let avgSpendPerHeadOverride = Column<PG.Numeric, Nullable>("avg_spend_per_head_override")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
}

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

/// The calls at relocated locations.
struct RelocatedCalls: CommonTable, CallRows {
  static let qualifiedName = QualifiedName("relocated_calls")
  let id = Column<PG.Text, NotNull>("id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let status = Column<PG.Text, NotNull>("status")
  let callType = Column<PG.Text, NotNull>("call_type")
  let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")
}

/// The orders at relocated locations or of rezoned accounts.
struct RelocatedOrders: CommonTable, OrderRows {
  static let qualifiedName = QualifiedName("relocated_orders")
  let id = Column<PG.UUID, NotNull>("id")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let totalAmount = Column<PG.DoublePrecision, Nullable>("total_amount")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
}

/// The reservations at relocated locations.
struct RelocatedReservations: CommonTable, ReservationRows {
  static let qualifiedName = QualifiedName("relocated_reservations")
  let id = Column<PG.UUID, NotNull>("id")
  let locationID = Column<PG.UUID, NotNull>("location_id")
  let guestCount = Column<PG.Integer, Nullable>("guest_count")
  let avgSpendPerHeadOverride = Column<PG.Numeric, Nullable>("avg_spend_per_head_override")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
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
