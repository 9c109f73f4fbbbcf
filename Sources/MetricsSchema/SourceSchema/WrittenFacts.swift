import SQLBuilder

// The facts as a test writes them: in schema `test_facts`, views over the base tables with
// these columns, whose INSTEAD OF triggers write base rows (`FactTable.row`). A test written
// against them runs on any source schema whose declaration is set.

/// `test_facts.calls`: a call as `calls_v` shows it, but its account, which is its location's.
public struct WrittenCalls: Relation {
  public static let qualifiedName = QualifiedName("test_facts", "calls")
  public let id = Column<PG.Text, NotNull>("id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let status = Column<PG.Text, NotNull>("status")
  public let callType = Column<PG.Text, NotNull>("call_type")
  public let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")
  public init() {}
}

/// `test_facts.orders`: an order with its own account; NULL until it is priced.
public struct WrittenOrders: Relation {
  public static let qualifiedName = QualifiedName("test_facts", "orders")
  public let id = Column<PG.UUID, NotNull>("id")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let totalAmount = Column<PG.DoublePrecision, Nullable>("total_amount")
  public let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
  public init() {}
}

/// `test_facts.reservations`: a reservation, whose account is its location's.
public struct WrittenReservations: Relation {
  public static let qualifiedName = QualifiedName("test_facts", "reservations")
  public let id = Column<PG.UUID, NotNull>("id")
  public let locationID = Column<PG.UUID, NotNull>("location_id")
  public let guestCount = Column<PG.Integer, Nullable>("guest_count")
  public let avgSpendPerHeadOverride = Column<PG.Numeric, Nullable>("avg_spend_per_head_override")
  public let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
  public init() {}
}

extension CallsV: FactView {
  public typealias Written = WrittenCalls
  public static let kind = "call"
}

extension OrdersV: FactView {
  public typealias Written = WrittenOrders
  public static let kind = "order"
}

extension ReservationsV: FactView {
  public typealias Written = WrittenReservations
  public static let kind = "reservation"
}
