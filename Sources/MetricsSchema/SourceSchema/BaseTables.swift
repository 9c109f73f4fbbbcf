import SQLBuilder

// The base tables behind the fact views, as earlier stories created them: the one place to
// declare your own (docs/your-schema.md). The refresh strategy reads only the views; the
// incremental strategy captures writes to these tables, and a deploy stops with every
// difference between these declarations and the catalog.

/// The source schema the metrics read.
public enum SourceTables: SourceSchema {
  public typealias Calls = MetricsSchema.Calls
  public typealias Orders = MetricsSchema.Orders
  public typealias Reservations = MetricsSchema.Reservations
}

/// `public.calls`: one row per call.
public struct Calls: FactTable {
  public typealias Fact = CallsV
  public static let qualifiedName = QualifiedName("public", "calls")
  public static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.id]] }
  public static var location: FactColumn<Self> { FactColumn(\.locationID) }
  public let id = Column<PG.Text, NotNull>("id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let status = Column<PG.Text, NotNull>("status")
  public let callType = Column<PG.Text, NotNull>("call_type")
  public let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")
  public init() {}

  /// A call belongs to its location's account: without a location, or once it is deleted, to
  /// none.
  public static func fact(
    _ c: Source<Self>, location l: OptionalSource<Locations>, _ out: Projection<CallsV>
  ) {
    out.id(c.id)
    out.accountID(l.accountID)
    out.locationID(c.locationID)
    out.status(c.status)
    out.callType(c.callType)
    out.startedAt(c.startedAt)
  }

  public static func row(_ call: Source<WrittenCalls>, _ out: Projection<Self>) {
    out.columns(of: call)
  }
}

/// `public.orders`: one row per order; it keeps its account when its location goes.
public struct Orders: FactTable {
  public typealias Fact = OrdersV
  public static let qualifiedName = QualifiedName("public", "orders")
  public static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.id]] }
  public static var location: FactColumn<Self> { FactColumn(\.locationID) }
  public static var account: FactColumn<Self>? { FactColumn(\.accountID) }
  public let id = Column<PG.UUID, NotNull>("id")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  /// NULL until the order is priced; the view reads it as 0.
  public let totalAmount = Column<PG.DoublePrecision, Nullable>("total_amount")
  public let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
  public init() {}

  /// An order keeps its own account; its location reads NULL once the location is deleted.
  public static func fact(
    _ o: Source<Self>, location l: OptionalSource<Locations>, _ out: Projection<OrdersV>
  ) {
    out.id(o.id)
    out.accountID(o.accountID)
    out.locationID(l.locationID)
    out.totalAmount(coalesce(o.totalAmount, .constant(0)))
    out.createdAt(o.createdAt)
  }

  public static func row(_ order: Source<WrittenOrders>, _ out: Projection<Self>) {
    out.columns(of: order)
  }
}

/// `public.reservations`: one row per reservation.
public struct Reservations: FactTable {
  public typealias Fact = ReservationsV
  public static let qualifiedName = QualifiedName("public", "reservations")
  public static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.id]] }
  public static var location: FactColumn<Self> { FactColumn(\.locationID) }
  public let id = Column<PG.UUID, NotNull>("id")
  public let locationID = Column<PG.UUID, NotNull>("location_id")
  public let guestCount = Column<PG.Integer, Nullable>("guest_count")
  public let avgSpendPerHeadOverride = Column<PG.Numeric, Nullable>("avg_spend_per_head_override")
  public let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
  public init() {}

  /// A reservation belongs to its location's account.
  public static func fact(
    _ r: Source<Self>, location l: OptionalSource<Locations>, _ out: Projection<ReservationsV>
  ) {
    out.id(r.id)
    out.accountID(l.accountID)
    out.locationID(r.locationID)
    out.guestCount(r.guestCount)
    out.avgSpendPerHeadOverride(r.avgSpendPerHeadOverride)
    out.createdAt(r.createdAt)
  }

  public static func row(_ reservation: Source<WrittenReservations>, _ out: Projection<Self>) {
    out.columns(of: reservation)
  }
}
