import SQLBuilder

/// Which base table and columns stand behind each fact view, declared once: a fact row joined to
/// `locations` by its location. A call or reservation counts for its location's account (none
/// without an existing location); an order keeps its own account, and its location reads NULL
/// once the location is deleted. `Tests/DatabaseTests/FactSourceTests.swift` fails when a view
/// and its declaration disagree.
///
/// Each declaration is generic over the rows it reads, so the same definition reads the base
/// tables, or rows shaped like them, through `locations` or rows shaped like it.
public enum FactSources {
  /// `calls_v`.
  public static func calls<C: CallRows, L: LocationRows>(_: C.Type, _: L.Type) -> Select<CallsV> {
    Select(CallsV.self) { q, out in
      let c = q.from(C.self, as: "c")
      let l = q.leftJoin(L.self, as: "l") { $0.locationID == c.locationID }
      out.id(c.id)
      out.accountID(l.accountID)
      out.locationID(c.locationID)
      out.status(c.status)
      out.callType(c.callType)
      out.startedAt(c.startedAt)
    }
  }

  /// `orders_v`.
  public static func orders<O: OrderRows, L: LocationRows>(_: O.Type, _: L.Type) -> Select<OrdersV>
  {
    Select(OrdersV.self) { q, out in
      let o = q.from(O.self, as: "o")
      let l = q.leftJoin(L.self, as: "l") { $0.locationID == o.locationID }
      out.id(o.id)
      out.accountID(o.accountID)
      out.locationID(l.locationID)
      out.totalAmount(coalesce(o.totalAmount, .constant(0)))
      out.createdAt(o.createdAt)
    }
  }

  /// `reservations_v`.
  public static func reservations<R: ReservationRows, L: LocationRows>(_: R.Type, _: L.Type)
    -> Select<ReservationsV>
  {
    Select(ReservationsV.self) { q, out in
      let r = q.from(R.self, as: "r")
      let l = q.leftJoin(L.self, as: "l") { $0.locationID == r.locationID }
      out.id(r.id)
      out.accountID(l.accountID)
      out.locationID(r.locationID)
      out.guestCount(r.guestCount)
      out.avgSpendPerHeadOverride(r.avgSpendPerHeadOverride)
      out.createdAt(r.createdAt)
    }
  }
}

/// Rows shaped like `public.locations`, as the fact views read them.
public protocol LocationRows: Relation {
  var locationID: Column<PG.UUID, NotNull> { get }
  var accountID: Column<PG.UUID, NotNull> { get }
}

/// Rows shaped like `public.calls`.
public protocol CallRows: Relation {
  var id: Column<PG.Text, NotNull> { get }
  var locationID: Column<PG.UUID, Nullable> { get }
  var status: Column<PG.Text, NotNull> { get }
  var callType: Column<PG.Text, NotNull> { get }
  var startedAt: Column<PG.TimestampTZ, Nullable> { get }
}

/// Rows shaped like `public.orders`.
public protocol OrderRows: Relation {
  var id: Column<PG.UUID, NotNull> { get }
  var accountID: Column<PG.UUID, NotNull> { get }
  var locationID: Column<PG.UUID, Nullable> { get }
  var totalAmount: Column<PG.DoublePrecision, Nullable> { get }
  var createdAt: Column<PG.TimestampTZ, NotNull> { get }
}

/// Rows shaped like `public.reservations`.
public protocol ReservationRows: Relation {
  var id: Column<PG.UUID, NotNull> { get }
  var locationID: Column<PG.UUID, NotNull> { get }
  var guestCount: Column<PG.Integer, Nullable> { get }
  var avgSpendPerHeadOverride: Column<PG.Numeric, Nullable> { get }
  var createdAt: Column<PG.TimestampTZ, NotNull> { get }
}

extension Locations: LocationRows {}
extension Calls: CallRows {}
extension Orders: OrderRows {}
extension Reservations: ReservationRows {}
