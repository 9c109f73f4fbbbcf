import SQLBuilder

// The transition tables the capture triggers read: a statement's rows as they are after it
// (`new_…`) and were before it (`old_…`), shaped like their base tables.

struct NewCalls: TransitionTable, CallRows {
  static let qualifiedName = QualifiedName("new_calls")
  let id = Column<PG.Text, NotNull>("id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let status = Column<PG.Text, NotNull>("status")
  let callType = Column<PG.Text, NotNull>("call_type")
  let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")
}

struct OldCalls: TransitionTable, CallRows {
  static let qualifiedName = QualifiedName("old_calls")
  let id = Column<PG.Text, NotNull>("id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let status = Column<PG.Text, NotNull>("status")
  let callType = Column<PG.Text, NotNull>("call_type")
  let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")
}

struct NewOrders: TransitionTable, OrderRows {
  static let qualifiedName = QualifiedName("new_orders")
  let id = Column<PG.UUID, NotNull>("id")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let totalAmount = Column<PG.DoublePrecision, Nullable>("total_amount")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
}

struct OldOrders: TransitionTable, OrderRows {
  static let qualifiedName = QualifiedName("old_orders")
  let id = Column<PG.UUID, NotNull>("id")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let totalAmount = Column<PG.DoublePrecision, Nullable>("total_amount")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
}

struct NewReservations: TransitionTable, ReservationRows {
  static let qualifiedName = QualifiedName("new_reservations")
  let id = Column<PG.UUID, NotNull>("id")
  let locationID = Column<PG.UUID, NotNull>("location_id")
  let guestCount = Column<PG.Integer, Nullable>("guest_count")
  let avgSpendPerHeadOverride = Column<PG.Numeric, Nullable>("avg_spend_per_head_override")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
}

struct OldReservations: TransitionTable, ReservationRows {
  static let qualifiedName = QualifiedName("old_reservations")
  let id = Column<PG.UUID, NotNull>("id")
  let locationID = Column<PG.UUID, NotNull>("location_id")
  let guestCount = Column<PG.Integer, Nullable>("guest_count")
  let avgSpendPerHeadOverride = Column<PG.Numeric, Nullable>("avg_spend_per_head_override")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
}

struct NewLocations: TransitionTable, LocationRows {
  static let qualifiedName = QualifiedName("new_locations")
  let locationID = Column<PG.UUID, NotNull>("location_id")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let timeZone = Column<PG.Text, Nullable>("time_zone")
}

struct OldLocations: TransitionTable, LocationRows {
  static let qualifiedName = QualifiedName("old_locations")
  let locationID = Column<PG.UUID, NotNull>("location_id")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let timeZone = Column<PG.Text, Nullable>("time_zone")
}

struct NewAccounts: TransitionTable {
  static let qualifiedName = QualifiedName("new_accounts")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let defaultTimeZone = Column<PG.Text, Nullable>("default_time_zone")
}

struct OldAccounts: TransitionTable {
  static let qualifiedName = QualifiedName("old_accounts")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let defaultTimeZone = Column<PG.Text, Nullable>("default_time_zone")
}
