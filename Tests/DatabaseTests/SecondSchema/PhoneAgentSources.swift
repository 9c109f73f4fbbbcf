import MetricsSchema
import SQLBuilder

/// A second source schema (`phone_agent.sql`): other tables, other columns, views that compute
/// theirs, and a sale whose restaurant its foreign key sets NULL. Declared as a team declares
/// its own (docs/your-schema.md).
enum PhoneAgentSources: SourceSchema {
  typealias Calls = PhoneCalls
  typealias Orders = Sales
  typealias Reservations = Bookings
}

/// `public.phone_calls`.
struct PhoneCalls: FactTable {
  typealias Fact = CallsV
  static let qualifiedName = QualifiedName("public", "phone_calls")
  static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.callSID]] }
  static var location: FactColumn<Self> { FactColumn(\.restaurantID) }
  static var indexes: [[PartialKeyPath<Self>]] { [[\.restaurantID, \.answeredAt]] }
  let callSID = Column<PG.Text, NotNull>("call_sid")
  let restaurantID = Column<PG.UUID, Nullable>("restaurant_id")
  let rawStatus = Column<PG.Text, Nullable>("raw_status")
  let answeredAt = Column<PG.TimestampTZ, Nullable>("answered_at")
  let endedAt = Column<PG.TimestampTZ, Nullable>("ended_at")
  let isOrder = Column<PG.Boolean, NotNull>("is_order")
  let isBooking = Column<PG.Boolean, NotNull>("is_booking")
  let tag = Column<PG.Text, Nullable>("tag")
  /// Not read by the view; NOT NULL without a default, so a test row needs a value.
  let caller = Column<PG.Text, NotNull>("caller")

  /// In progress until it ends, then its reported status, completed when none; its type from
  /// the flags and the tag.
  static func fact(
    _ c: Source<Self>, location l: OptionalSource<Locations>, _ out: Projection<CallsV>
  ) {
    out.id(c.callSID)
    out.accountID(l.accountID)
    out.locationID(c.restaurantID)
    out.status(
      Case(else: coalesce(nullif(lower(trim(c.rawStatus)), .text("")), .text("completed"))) {
        When(c.endedAt.isNull, then: SQLExpression<PG.Text, NotNull>.text("in_progress"))
      })
    out.callType(
      Case(else: SQLExpression<PG.Text, NotNull>.text("general")) {
        When(c.isOrder, then: .text("order"))
        When(c.isBooking, then: .text("reservation"))
        When(c.tag.ilike(.text("%catering%")), then: .text("catering"))
      })
    out.startedAt(c.answeredAt)
  }

  /// The status as the provider would report it, in capitals with a space, or none when
  /// completed; an end time unless in progress; the type as flags and a tag.
  static func row(_ call: Source<WrittenCalls>, _ out: Projection<Self>) {
    out.callSID(call.id)
    out.restaurantID(call.locationID)
    out.rawStatus(
      Case(else: upper(call.status) ++ .text(" ")) {
        When(call.status == .text("completed"), then: SQLExpression<PG.Text, NotNull>.text(""))
      })
    out.answeredAt(call.startedAt)
    out.endedAt(Case { When(call.status != .text("in_progress"), then: now()) })
    out.isOrder(call.callType == .text("order"))
    out.isBooking(call.callType == .text("reservation"))
    out.tag(Case { When(call.callType == .text("catering"), then: .text("Catering request")) })
    out.caller(.text("+15550100"))
  }
}

/// `public.sales`: a sale keeps its tenant; its restaurant's foreign key sets it NULL when the
/// restaurant is deleted.
struct Sales: FactTable {
  typealias Fact = OrdersV
  static let qualifiedName = QualifiedName("public", "sales")
  static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.saleID]] }
  static var location: FactColumn<Self> { FactColumn(\.restaurantID) }
  static var account: FactColumn<Self>? { FactColumn(\.tenantID) }
  static var indexes: [[PartialKeyPath<Self>]] { [[\.tenantID]] }
  let saleID = Column<PG.UUID, NotNull>("sale_id")
  let tenantID = Column<PG.UUID, NotNull>("tenant_id")
  let restaurantID = Column<PG.UUID, Nullable>("restaurant_id")
  let amount = Column<PG.DoublePrecision, Nullable>("amount")
  let placedAt = Column<PG.TimestampTZ, NotNull>("placed_at")

  static func fact(
    _ s: Source<Self>, location _: OptionalSource<Locations>, _ out: Projection<OrdersV>
  ) {
    out.id(s.saleID)
    out.accountID(s.tenantID)
    out.locationID(s.restaurantID)
    out.totalAmount(coalesce(s.amount, .constant(0)))
    out.createdAt(s.placedAt)
  }

  /// A restaurant that does not exist is NULL, as its foreign key would have set it.
  static func row(_ order: Source<WrittenOrders>, _ out: Projection<Self>) {
    out.saleID(order.id)
    out.tenantID(order.accountID)
    out.restaurantID(
      scalar { q in
        let l = q.from(Locations.self, as: "l")
        q.where(l.locationID == order.locationID)
        return l.locationID
      })
    out.amount(order.totalAmount)
    out.placedAt(order.createdAt)
  }
}

/// `public.bookings`: a cancelled booking is no reservation.
struct Bookings: FactTable {
  typealias Fact = ReservationsV
  static let qualifiedName = QualifiedName("public", "bookings")
  static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.bookingID]] }
  static var location: FactColumn<Self> { FactColumn(\.restaurantID) }
  let bookingID = Column<PG.UUID, NotNull>("booking_id")
  let restaurantID = Column<PG.UUID, NotNull>("restaurant_id")
  let partySize = Column<PG.Integer, Nullable>("party_size")
  let spendPerGuest = Column<PG.Numeric, Nullable>("spend_per_guest")
  let bookedAt = Column<PG.TimestampTZ, NotNull>("booked_at")
  let cancelledAt = Column<PG.TimestampTZ, Nullable>("cancelled_at")

  static func isShown(_ b: Source<Self>, location _: OptionalSource<Locations>)
    -> SQLExpression<PG.Boolean, Nullable>?
  { b.cancelledAt.isNull.nullable }

  static func fact(
    _ b: Source<Self>, location l: OptionalSource<Locations>, _ out: Projection<ReservationsV>
  ) {
    out.id(b.bookingID)
    out.accountID(l.accountID)
    out.locationID(b.restaurantID)
    out.guestCount(b.partySize)
    out.avgSpendPerHeadOverride(b.spendPerGuest)
    out.createdAt(b.bookedAt)
  }

  static func row(_ reservation: Source<WrittenReservations>, _ out: Projection<Self>) {
    out.bookingID(reservation.id)
    out.restaurantID(reservation.locationID)
    out.partySize(reservation.guestCount)
    out.spendPerGuest(reservation.avgSpendPerHeadOverride)
    out.bookedAt(reservation.createdAt)
    out.cancelledAt(.null)
  }
}
