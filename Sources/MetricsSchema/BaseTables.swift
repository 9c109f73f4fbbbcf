import SQLBuilder

// The tables behind the fact views (earlier stories' base tables), with the columns the views
// read. The refresh strategy reads only the views; capturing changes happens on these tables.

/// `public.calls`: one row per call.
public struct Calls: Relation {
  public static let qualifiedName = QualifiedName("public", "calls")
  public let id = Column<PG.Text, NotNull>("id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let status = Column<PG.Text, NotNull>("status")
  public let callType = Column<PG.Text, NotNull>("call_type")
  public let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")
  public init() {}
}

/// `public.orders`: one row per order; it keeps its account when its location goes.
public struct Orders: Relation {
  public static let qualifiedName = QualifiedName("public", "orders")
  public let id = Column<PG.UUID, NotNull>("id")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  /// NULL until the order is priced; the view reads it as 0.
  public let totalAmount = Column<PG.DoublePrecision, Nullable>("total_amount")
  public let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
  public init() {}
}

/// `public.reservations`: one row per reservation.
public struct Reservations: Relation {
  public static let qualifiedName = QualifiedName("public", "reservations")
  public let id = Column<PG.UUID, NotNull>("id")
  public let locationID = Column<PG.UUID, NotNull>("location_id")
  public let guestCount = Column<PG.Integer, Nullable>("guest_count")
  public let avgSpendPerHeadOverride = Column<PG.Numeric, Nullable>("avg_spend_per_head_override")
  public let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
  public init() {}
}
